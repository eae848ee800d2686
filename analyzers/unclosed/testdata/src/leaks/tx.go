package leaks

import (
	"context"
	"database/sql"
)

// The error path of the Exec returns without Rollback.
func txNoRollbackOnError(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from db.Begin is not committed or rolled back on the path that returns at line 15; add defer tx.Rollback\(\) after the error check`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func txBeginTxNoRollback(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx from db.BeginTx is not committed or rolled back on the path that returns at line 26`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM u"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
