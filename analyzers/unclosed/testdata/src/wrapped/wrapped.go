// Package wrapped: a wrapper constructor that keeps the response becomes
// the owned value (issue 11 §3.22, RULES' Keeper): reported when the
// wrapper is dropped or closed only when the function returns, silent
// when it is closed or handed on.
package wrapped

import (
	"io"
	"net/http"

	"pagekit"
)

func firstPage(c *http.Client, url string) (string, error) {
	p, err := pagekit.FromResponse(c.Get(url)) // want `p from pagekit.FromResponse is not closed on the path that returns at line 19 \(it keeps the response body from c.Get\); add defer p.Close\(\) after the error check`
	if err != nil {
		return "", err
	}
	return p.Next, nil
}

func firstPageClosed(c *http.Client, url string) (string, error) {
	p, err := pagekit.FromResponse(c.Get(url))
	if err != nil {
		return "", err
	}
	defer p.Close()
	return p.Next, nil
}

func allPages(c *http.Client, urls []string) (int64, error) {
	var n int64
	for _, u := range urls {
		p, err := pagekit.FromResponse(c.Get(u))
		if err != nil {
			return n, err
		}
		defer p.Close() // want `defer p.Close\(\) inside a loop runs only when the function returns: every p from pagekit.FromResponse stays open until then`
		m, err := io.Copy(io.Discard, p)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func allPagesEachClosed(c *http.Client, urls []string) (int64, error) {
	var n int64
	for _, u := range urls {
		m, err := copyPage(c, u)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func copyPage(c *http.Client, u string) (int64, error) {
	p, err := pagekit.FromResponse(c.Get(u))
	if err != nil {
		return 0, err
	}
	defer p.Close()
	return io.Copy(io.Discard, p)
}

func wrapDropped(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url) // want `resp.Body from c.Get is never closed`
	if err != nil {
		return 0, err
	}
	p := pagekit.Wrap(resp)
	return p.Read(make([]byte, 512))
}

func wrapReturned(c *http.Client, url string) (*pagekit.Page, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return pagekit.Wrap(resp), nil
}
