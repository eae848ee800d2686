// Package assert is a stub of testify's assert with the same import path
// and shapes: assertions report failures and let the test go on.
package assert

// TestingT is what assert needs of a test.
type TestingT interface {
	Errorf(format string, args ...any)
}

// NoError reports err if it is not nil.
func NoError(t TestingT, err error, msgAndArgs ...any) bool {
	if err != nil {
		t.Errorf("unexpected error: %v", err)
		return false
	}
	return true
}

// Equal reports a difference between expected and actual.
func Equal(t TestingT, expected, actual any, msgAndArgs ...any) bool {
	if expected != actual {
		t.Errorf("not equal")
		return false
	}
	return true
}

// Error reports a nil err: the caller expected an error.
func Error(t TestingT, err error, msgAndArgs ...any) bool {
	if err == nil {
		t.Errorf("expected an error")
		return false
	}
	return true
}
