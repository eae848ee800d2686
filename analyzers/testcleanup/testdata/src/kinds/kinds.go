// Package kinds holds tests with the resources only tests are held to: a
// started process and a temporary directory.
package kinds
