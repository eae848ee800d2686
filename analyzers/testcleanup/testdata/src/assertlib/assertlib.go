// Package assertlib is a home-grown assertion library like many projects
// have (nsq's internal/test): assertions take any value, test it by
// reflection and end the test with t.FailNow.
package assertlib

import (
	"reflect"
	"testing"
)

// Nil ends the test unless object is nil.
func Nil(t *testing.T, object interface{}) {
	if !isNil(object) {
		t.Logf("expected nil, got %v", object)
		t.FailNow()
	}
}

// NotNil ends the test if object is nil.
func NotNil(t *testing.T, object interface{}) {
	if isNil(object) {
		t.Logf("expected a value")
		t.FailNow()
	}
}

// Equal ends the test unless expected and actual are deeply equal.
func Equal(t *testing.T, expected, actual interface{}) {
	if !reflect.DeepEqual(expected, actual) {
		t.Logf("%v != %v", expected, actual)
		t.FailNow()
	}
}

func isNil(object interface{}) bool {
	if object == nil {
		return true
	}
	v := reflect.ValueOf(object)
	k := v.Kind()
	return k >= reflect.Chan && k <= reflect.Slice && v.IsNil()
}
