// Package extended uses a resource kind added by -unclosed.types
// (RULES: "a flag/settings entry adds pkg.Type:ReleaseMethod and
// constructors"; "Every option is an analyzer flag").
package extended

import "example.com/lease"

func acquireLeak(name string) (string, error) {
	l, err := lease.Acquire(name) // want `l from lease.Acquire is never`
	if err != nil {
		return "", err
	}
	return l.Name(), nil
}

func acquireReleased(name string) (string, error) {
	l, err := lease.Acquire(name)
	if err != nil {
		return "", err
	}
	defer l.Release()
	return l.Name(), nil
}

func poolGetLeak(p *lease.Pool) (string, error) {
	l, err := p.Get() // want `l from p.Get is never`
	if err != nil {
		return "", err
	}
	return l.Name(), nil
}

func poolGetReleased(p *lease.Pool) (string, error) {
	l, err := p.Get()
	if err != nil {
		return "", err
	}
	defer l.Release()
	return l.Name(), nil
}
