// Package generic leaks inside generic code.
package generic

import (
	"encoding/json"
	"net/http"
)

// Get decodes a JSON response without closing it.
func Get[T any](url string) (T, error) {
	var v T
	resp, err := http.Get(url)
	if err != nil {
		return v, err
	}
	return v, json.NewDecoder(resp.Body).Decode(&v)
}

// Use instantiates Get twice.
func Use() {
	_, _ = Get[int]("http://a")
	_, _ = Get[map[string]any]("http://b")
}
