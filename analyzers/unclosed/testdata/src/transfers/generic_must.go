package transfers

import "net/http"

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func genericMustHelper(c *http.Client, req *http.Request) int {
	resp := must(c.Do(req))
	defer resp.Body.Close()
	return resp.StatusCode
}

func genericIdentity[T any](v T) T { return v }

func throughIdentity(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	r := genericIdentity(resp)
	return r.Body.Close()
}
