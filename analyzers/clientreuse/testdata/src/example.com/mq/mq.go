// Package mq is a message-queue client whose connections are expensive.
package mq

type Conn struct{ addr string }

func Dial(addr string) (*Conn, error) { return &Conn{addr: addr}, nil }

func (c *Conn) Publish(topic string, msg []byte) error { return nil }

func (c *Conn) Shutdown() {}

// Pool's zero value starts background workers.
type Pool struct{ Size int }

func (p *Pool) Get() *Conn { return &Conn{} }
