// Package web is a small framework with its own handler type.
package web

type Ctx struct{ Path string }

type HandlerFunc func(*Ctx) error

type Router struct{ routes map[string]HandlerFunc }

func (r *Router) Get(path string, h HandlerFunc) { r.routes[path] = h }

type Job struct{ ID string }
