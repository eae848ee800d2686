// Package lease hands out leases that must be released: a resource kind
// only through -unclosed.types.
package lease

type Lease struct{ name string }

func Acquire(name string) (*Lease, error) { return &Lease{name: name}, nil }

func (l *Lease) Release() error { return nil }

func (l *Lease) Name() string { return l.name }

type Pool struct{}

func (p *Pool) Get() (*Lease, error) { return &Lease{}, nil }
