// Package busfake stands in for a message-bus client whose operations
// fail with ErrConnClosed once the connection is closed.
package busfake

import "errors"

// ErrConnClosed is returned by every operation after Close.
var ErrConnClosed = errors.New("busfake: connection closed")

// ErrNoReply is returned when nobody answers a request.
var ErrNoReply = errors.New("busfake: no reply")

// Conn is a connection to the bus.
type Conn struct{ closed bool }

// Dial connects to the bus.
func Dial(addr string) (*Conn, error) { return &Conn{}, nil }

// Publish sends data on subject.
func (c *Conn) Publish(subject string, data []byte) error {
	if c.closed {
		return ErrConnClosed
	}
	return nil
}

// Close closes the connection.
func (c *Conn) Close() { c.closed = true }
