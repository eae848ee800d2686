// Package rulesheet holds one positive and one negative case for every
// rule and resource kind of testcleanup, written from RULES alone.
package rulesheet

// Greet is the code under test.
func Greet(name string) string { return "hello " + name }
