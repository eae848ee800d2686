package summaries

import (
	"database/sql"
	"io"
	"log"
	"os"
	"os/exec"
	"testing"
)

// Releases registered with testing.TB's Cleanup (an interface method the
// built-in table knows) and releases of string resources.

func removeOnCleanup(t testing.TB, dir string) { // want removeOnCleanup:"ClosesParam\\(1\\)"
	t.Cleanup(func() { os.RemoveAll(dir) })
}

func closeOnCleanup(t testing.TB, c io.Closer) { // want closeOnCleanup:"ClosesParam\\(1\\)"
	t.Cleanup(func() { c.Close() })
}

func remove(dir string) { os.RemoveAll(dir) } // want remove:"ClosesParam\\(0\\)"

func removeJoined(dir, name string) { os.Remove(dir + name) }

func waitCmd(cmd *exec.Cmd) { cmd.Wait() } // want waitCmd:"ClosesParam\\(0\\)"

// A started command is a resource wherever it is started (RULES table:
// (*exec.Cmd).Start): returning it makes the function its constructor.
func startCmd() *exec.Cmd { // want startCmd:"ReturnsOwned\\(0:os/exec.Cmd\\)"
	cmd := exec.Command("true")
	cmd.Start()
	return cmd
}

func mkdir() string {
	dir, _ := os.MkdirTemp("", "x")
	return dir
}

// A function with a defer returns through result slots: what it returns
// is still the resource itself, with its kind.
func beginLogged(db *sql.DB) (*sql.Tx, error) { // want beginLogged:"ReturnsOwned\\(0:database/sql.Tx\\)"
	defer log.Println("begin")
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return tx, nil
}

// Returned with the function that releases it: callers call the function.
func openWithCloser(p string) (*os.File, func() error, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
