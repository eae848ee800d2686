// Package pagekit wraps a response in a page whose Close closes its body.
package pagekit

import (
	"errors"
	"io"
	"net/http"
)

// Page reads one page of results.
type Page struct {
	body io.ReadCloser
	Next string
}

// FromResponse takes the result of a request: the page keeps the body.
func FromResponse(resp *http.Response, err error) (*Page, error) {
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	return &Page{body: resp.Body, Next: resp.Header.Get("Link")}, nil
}

// Wrap keeps the body of resp.
func Wrap(resp *http.Response) *Page { return &Page{body: resp.Body} }

// Read reads from the page.
func (p *Page) Read(b []byte) (int, error) { return p.body.Read(b) }

// Close closes the page's body.
func (p *Page) Close() error { return p.body.Close() }
