package parsers

import (
	"net/http"

	"metricparse"
)

// A parser value of the function keeps the body and dies with it
// (issue 11 §3.8): the body is never closed.
func scrape(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url) // want `resp.Body from c.Get is never closed`
	if err != nil {
		return 0, err
	}
	var p metricparse.TextParser
	fams, err := p.Families(resp.Body)
	return len(fams), err
}

func scrapeClosed(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var p metricparse.TextParser
	fams, err := p.Families(resp.Body)
	return len(fams), err
}

// A parser handed back to the caller keeps the body for it.
func startScrape(c *http.Client, url string) (*metricparse.TextParser, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	p := &metricparse.TextParser{}
	if _, err := p.Families(resp.Body); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return p, nil
}
