// Package codes is a stub of google.golang.org/grpc/codes: the status
// codes of an RPC.
package codes

// Code is an RPC status code.
type Code uint32

// The codes the test cases use, with gRPC's values.
const (
	OK               Code = 0
	Canceled         Code = 1
	Unknown          Code = 2
	DeadlineExceeded Code = 4
	Unavailable      Code = 14
)
