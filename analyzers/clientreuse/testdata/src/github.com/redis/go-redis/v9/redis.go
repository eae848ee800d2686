// Package redis is a stub of github.com/redis/go-redis/v9.
package redis

import "context"

type Options struct{ Addr string }

type ClusterOptions struct{ Addrs []string }

type UniversalOptions struct{ Addrs []string }

type StringCmd struct{ val string }

func (c *StringCmd) Result() (string, error) { return c.val, nil }

type Client struct{ opt *Options }

func NewClient(opt *Options) *Client { return &Client{opt: opt} }

func (c *Client) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }

func (c *Client) Close() error { return nil }

type ClusterClient struct{ opt *ClusterOptions }

func NewClusterClient(opt *ClusterOptions) *ClusterClient { return &ClusterClient{opt: opt} }

func (c *ClusterClient) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }

func (c *ClusterClient) Close() error { return nil }

type UniversalClient interface {
	Get(ctx context.Context, key string) *StringCmd
	Close() error
}

func NewUniversalClient(opt *UniversalOptions) UniversalClient {
	return &Client{opt: &Options{}}
}
