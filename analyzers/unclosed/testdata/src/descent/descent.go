// Package descent is a recursive-descent parser whose methods call one
// another: summarising each of them again at every recursive call is
// exponential in the grammar's size, and must not happen.
package descent

import (
	"io"
	"os"
)

type parser struct {
	r   io.Reader
	buf [1]byte
}

func (p *parser) next() byte {
	if _, err := p.r.Read(p.buf[:]); err != nil {
		return 0
	}
	return p.buf[0]
}

func (p *parser) rule0(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule1(depth - 1)
	case 'b':
		p.rule5(depth - 1)
	default:
		p.rule11(depth - 1)
	}
}

func (p *parser) rule1(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule2(depth - 1)
	case 'b':
		p.rule6(depth - 1)
	default:
		p.rule12(depth - 1)
	}
}

func (p *parser) rule2(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule3(depth - 1)
	case 'b':
		p.rule7(depth - 1)
	default:
		p.rule13(depth - 1)
	}
}

func (p *parser) rule3(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule4(depth - 1)
	case 'b':
		p.rule8(depth - 1)
	default:
		p.rule14(depth - 1)
	}
}

func (p *parser) rule4(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule5(depth - 1)
	case 'b':
		p.rule9(depth - 1)
	default:
		p.rule15(depth - 1)
	}
}

func (p *parser) rule5(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule6(depth - 1)
	case 'b':
		p.rule10(depth - 1)
	default:
		p.rule16(depth - 1)
	}
}

func (p *parser) rule6(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule7(depth - 1)
	case 'b':
		p.rule11(depth - 1)
	default:
		p.rule17(depth - 1)
	}
}

func (p *parser) rule7(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule8(depth - 1)
	case 'b':
		p.rule12(depth - 1)
	default:
		p.rule18(depth - 1)
	}
}

func (p *parser) rule8(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule9(depth - 1)
	case 'b':
		p.rule13(depth - 1)
	default:
		p.rule19(depth - 1)
	}
}

func (p *parser) rule9(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule10(depth - 1)
	case 'b':
		p.rule14(depth - 1)
	default:
		p.rule20(depth - 1)
	}
}

func (p *parser) rule10(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule11(depth - 1)
	case 'b':
		p.rule15(depth - 1)
	default:
		p.rule21(depth - 1)
	}
}

func (p *parser) rule11(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule12(depth - 1)
	case 'b':
		p.rule16(depth - 1)
	default:
		p.rule22(depth - 1)
	}
}

func (p *parser) rule12(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule13(depth - 1)
	case 'b':
		p.rule17(depth - 1)
	default:
		p.rule23(depth - 1)
	}
}

func (p *parser) rule13(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule14(depth - 1)
	case 'b':
		p.rule18(depth - 1)
	default:
		p.rule0(depth - 1)
	}
}

func (p *parser) rule14(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule15(depth - 1)
	case 'b':
		p.rule19(depth - 1)
	default:
		p.rule1(depth - 1)
	}
}

func (p *parser) rule15(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule16(depth - 1)
	case 'b':
		p.rule20(depth - 1)
	default:
		p.rule2(depth - 1)
	}
}

func (p *parser) rule16(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule17(depth - 1)
	case 'b':
		p.rule21(depth - 1)
	default:
		p.rule3(depth - 1)
	}
}

func (p *parser) rule17(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule18(depth - 1)
	case 'b':
		p.rule22(depth - 1)
	default:
		p.rule4(depth - 1)
	}
}

func (p *parser) rule18(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule19(depth - 1)
	case 'b':
		p.rule23(depth - 1)
	default:
		p.rule5(depth - 1)
	}
}

func (p *parser) rule19(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule20(depth - 1)
	case 'b':
		p.rule0(depth - 1)
	default:
		p.rule6(depth - 1)
	}
}

func (p *parser) rule20(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule21(depth - 1)
	case 'b':
		p.rule1(depth - 1)
	default:
		p.rule7(depth - 1)
	}
}

func (p *parser) rule21(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule22(depth - 1)
	case 'b':
		p.rule2(depth - 1)
	default:
		p.rule8(depth - 1)
	}
}

func (p *parser) rule22(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule23(depth - 1)
	case 'b':
		p.rule3(depth - 1)
	default:
		p.rule9(depth - 1)
	}
}

func (p *parser) rule23(depth int) {
	if depth == 0 {
		return
	}
	switch p.next() {
	case 'a':
		p.rule0(depth - 1)
	case 'b':
		p.rule4(depth - 1)
	default:
		p.rule10(depth - 1)
	}
}

// parseLeaky drops the file with the parser.
func parseLeaky(name string) error {
	f, err := os.Open(name) // want `f from os.Open`
	if err != nil {
		return err
	}
	p := &parser{r: f}
	p.rule0(8)
	return nil
}

// parseClosed closes it.
func parseClosed(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	p := &parser{r: f}
	p.rule0(8)
	return nil
}
