// Package redis is a stub of github.com/go-redis/redis/v8.
package redis

import "context"

type Options struct{ Addr string }

type StringCmd struct{ val string }

func (c *StringCmd) Result() (string, error) { return c.val, nil }

type Client struct{ opt *Options }

func NewClient(opt *Options) *Client { return &Client{opt: opt} }

func (c *Client) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }

func (c *Client) Close() error { return nil }
