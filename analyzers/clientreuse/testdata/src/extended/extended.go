// Package extended uses constructors and entries added by flags.
package extended

import (
	"example.com/mq"
	"example.com/web"
)

// A framework handler (entry type by flag) dialing per request.
func publish(c *web.Ctx) error {
	conn, err := mq.Dial("mq:5672") // want `mq.Dial builds a new connection pool on every request and closes it again`
	if err != nil {
		return err
	}
	defer conn.Shutdown()
	return conn.Publish(c.Path, nil)
}

// A function taking a parameter of an entry type (by flag) runs per job.
func handleJob(j *web.Job) {
	p := &mq.Pool{Size: 4} // want `&mq.Pool\{...\} builds a new mq.Pool on every request and never closes it`
	p.Get().Publish(j.ID, nil)
}

// Built once: silent.
type app struct{ conn *mq.Conn }

func newApp() (*app, error) {
	conn, err := mq.Dial("mq:5672")
	if err != nil {
		return nil, err
	}
	return &app{conn: conn}, nil
}

func (a *app) publish(c *web.Ctx) error { return a.conn.Publish(c.Path, nil) }

func routes(r *web.Router, a *app) {
	r.Get("/a", publish)
	r.Get("/b", a.publish)
}
