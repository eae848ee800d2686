// Package evalthree is part of a set of cases written before running the
// analyzer on them, as a stand-in for held-out cases.
package evalthree
