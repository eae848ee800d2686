// Package gin is a stub of github.com/gin-gonic/gin.
package gin

type Context struct{ Keys map[string]any }

func (c *Context) String(code int, format string, values ...any) {}

func (c *Context) Query(key string) string { return "" }

type HandlerFunc func(*Context)

type Engine struct{ routes map[string]HandlerFunc }

func New() *Engine { return &Engine{routes: map[string]HandlerFunc{}} }

func (e *Engine) GET(path string, handlers ...HandlerFunc) { e.routes[path] = handlers[0] }
