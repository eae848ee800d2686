package suite

import "net/http"

// Status never closes the body; the suggested fix adds
// `defer resp.Body.Close()` after the error check.
func Status(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// StatusSilenced leaks the same way, but the directive silences it.
func StatusSilenced(url string) (int, error) {
	resp, err := http.Get(url) //nolint:leakvet // the test checks that this is silenced
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
