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

// RULES "Generic code through ssa.InstantiateGenerics": a generic body
// that closes what it acquires, for every T.
func decodeClosed[T any](url string, parse func([]byte) T) (T, error) {
	var v T
	resp, err := http.Get(url)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	return parse(nil), nil
}

func useDecodeClosed() {
	_, _ = decodeClosed("a", func([]byte) int { return 0 })
	_, _ = decodeClosed("b", func([]byte) string { return "" })
}
