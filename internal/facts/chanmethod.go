package facts

import "strings"

// ChanMethod is an object fact on a method of a channel wrapper (a type
// that keeps a channel in a field and sends, closes, receives or hands it
// out through methods): what the method does with the channel in each
// receiver field. A goroutine that ends by calling a Sends or Closes
// method, and a test that blocks on a Recvs method, or on the channel a
// Returns method gives, of the same receiver and field, join.
//
// Fields are paths of field indices from the receiver, ".0" or ".1.2".
type ChanMethod struct {
	// Sends: the method sends on the field's channel on every path on
	// which it returns.
	Sends []string
	// Closes: the method closes the field's channel (a close-once guard
	// may skip it when another call closed it already).
	Closes []string
	// Recvs: the method blocks receiving from the field's channel (a
	// select with other cases counts; a non-blocking select does not).
	Recvs []string
	// Returns: the method returns the field's channel.
	Returns []string
}

// AFact marks ChanMethod as an analysis fact.
func (*ChanMethod) AFact() {}

// Empty reports whether the fact says nothing.
func (c *ChanMethod) Empty() bool {
	return len(c.Sends) == 0 && len(c.Closes) == 0 && len(c.Recvs) == 0 && len(c.Returns) == 0
}

// String renders the fact for `// want name:"..."` comments, e.g.
// "SendsField(.0) RecvsField(.0)".
func (c *ChanMethod) String() string {
	var parts []string
	add := func(name string, paths []string) {
		if len(paths) > 0 {
			parts = append(parts, name+"("+strings.Join(paths, ",")+")")
		}
	}
	add("SendsField", c.Sends)
	add("ClosesField", c.Closes)
	add("RecvsField", c.Recvs)
	add("ReturnsField", c.Returns)
	return strings.Join(parts, " ")
}
