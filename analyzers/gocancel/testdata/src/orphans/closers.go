package orphans

import "errors"

type batch struct{ rows []string }

func validate(rows []string) error {
	if len(rows) == 0 {
		return errors.New("no rows")
	}
	return nil
}

func write(b batch) {}

// The writer ranges over batches until they are closed, which only the
// success path does: the validation error returns first.
func importRows(rows []string) error {
	batches := make(chan batch)
	go func() { // want `the goroutine receives from batches, but importRows can return at line \d+ without sending on it or closing it: the receive blocks forever.*defer close\(batches\)`
		for b := range batches {
			write(b)
		}
	}()
	if err := validate(rows); err != nil {
		return err
	}
	batches <- batch{rows: rows}
	close(batches)
	return nil
}

// Closed on every path by the defer.
func importRowsDeferred(rows []string) error {
	batches := make(chan batch)
	defer close(batches)
	go func() {
		for b := range batches {
			write(b)
		}
	}()
	if err := validate(rows); err != nil {
		return err
	}
	batches <- batch{rows: rows}
	return nil
}
