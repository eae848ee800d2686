// Package require is a stub of testify's require with the same import
// path and shapes: every assertion ends the test when it fails.
package require

// TestingT is what require needs of a test.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// NoError ends the test if err is not nil.
func NoError(t TestingT, err error, msgAndArgs ...any) {
	if err != nil {
		t.Errorf("unexpected error: %v", err)
		t.FailNow()
	}
}

// Error ends the test if err is nil.
func Error(t TestingT, err error, msgAndArgs ...any) {
	if err == nil {
		t.FailNow()
	}
}

// Equal ends the test if expected and actual differ.
func Equal(t TestingT, expected, actual any, msgAndArgs ...any) {
	if expected != actual {
		t.FailNow()
	}
}

// True ends the test if value is false.
func True(t TestingT, value bool, msgAndArgs ...any) {
	if !value {
		t.FailNow()
	}
}

// NotNil ends the test if object is nil.
func NotNil(t TestingT, object any, msgAndArgs ...any) {
	if object == nil {
		t.FailNow()
	}
}

// Eventually ends the test if condition never returns true.
func Eventually(t TestingT, condition func() bool, waitFor, tick any, msgAndArgs ...any) {
	if !condition() {
		t.FailNow()
	}
}

// Assertions binds the assertions to a test.
type Assertions struct{ t TestingT }

// New returns assertions bound to t.
func New(t TestingT) *Assertions { return &Assertions{t: t} }

// NoError ends the test if err is not nil.
func (a *Assertions) NoError(err error, msgAndArgs ...any) { NoError(a.t, err, msgAndArgs...) }

// Equal ends the test if expected and actual differ.
func (a *Assertions) Equal(expected, actual any, msgAndArgs ...any) {
	Equal(a.t, expected, actual, msgAndArgs...)
}
