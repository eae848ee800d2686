// Package status is a stub of google.golang.org/grpc/status: the code
// an RPC's error carries.
package status

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
)

// Code returns the code of err: OK for nil, Canceled and DeadlineExceeded
// for the context's errors, Unknown otherwise.
func Code(err error) codes.Code {
	switch {
	case err == nil:
		return codes.OK
	case errors.Is(err, context.Canceled):
		return codes.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return codes.DeadlineExceeded
	}
	return codes.Unknown
}
