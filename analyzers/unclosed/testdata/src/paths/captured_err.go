package paths

import (
	"fmt"
	"os"
)

// `if err == nil { defer fd.Close() }` where err is a named result that a
// deferred closure captures: the defer is registered exactly where the
// file is owed.

// ---- silent ----

func saveReport(name string, body []byte) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("save %s: %w", name, err)
		}
	}()
	fd, err := os.Create(name)
	if err == nil {
		defer fd.Close()
	}
	if err != nil {
		return err
	}
	_, err = fd.Write(body)
	return err
}

func appendLog(name, line string) (err error) {
	defer func() {
		if err != nil {
			println(err.Error())
		}
	}()
	fd, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer fd.Close()
	_, err = fd.WriteString(line)
	return err
}

// ---- reported ----

func saveReportOnlyOnFailure(name string, body []byte) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("save %s: %w", name, err)
		}
	}()
	fd, err := os.Create(name) // want `fd from os.Create is not closed on the path that returns at line 62`
	if err != nil {
		return err
	}
	if _, err = fd.Write(body); err != nil {
		fd.Close()
		return err
	}
	return nil
}
