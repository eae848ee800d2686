package kinds

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// ---- reported ----

func TestProcessNeverWaited(t *testing.T) {
	cmd := exec.Command("sleep", "10")
	if err := cmd.Start(); err != nil { // want `the process cmd.Start starts is never waited for`
		t.Fatal(err)
	}
	t.Log(cmd.Process.Pid)
}

func TestProcessKilledNotWaited(t *testing.T) {
	cmd := exec.Command("sleep", "10")
	require.NoError(t, cmd.Start()) // want `the process cmd.Start starts is never waited for`
	cmd.Process.Kill()
}

func TestProcessWaitedAfterFatal(t *testing.T) {
	cmd := exec.Command("cat")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	err = cmd.Start() // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	_, err = stdin.Write([]byte("x"))
	require.NoError(t, err)
	stdin.Close()
	cmd.Wait()
}

func TestTempDirNeverRemoved(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds") // want "dir from os.MkdirTemp is never removed; register t.Cleanup\\(func\\(\\) { _ = os.RemoveAll\\(dir\\) }\\) right after creating it"
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func TestTempDirRemovedTooLate(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds") // only when the test already fails: quiet without -testcleanup.failpath
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
	defer os.RemoveAll(dir)
}

func startHelper(t *testing.T) *exec.Cmd {
	cmd := exec.Command("sleep", "10")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestOwnedProcessNeverWaited(t *testing.T) {
	cmd := startHelper(t) // want `cmd from startHelper is never waited for`
	t.Log(cmd.Process.Pid)
}

// ---- silent ----

func TestProcessWaited(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Error(err)
	}
}

func TestProcessKilledInCleanup(t *testing.T) {
	cmd := exec.Command("sleep", "10")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
}

func TestProcessDeferWait(t *testing.T) {
	cmd := exec.Command("true")
	require.NoError(t, cmd.Start())
	defer cmd.Wait()
}

func TestRunNeedsNoWait(t *testing.T) {
	cmd := exec.Command("true")
	require.NoError(t, cmd.Run())
	out, err := exec.Command("echo").Output()
	require.NoError(t, err)
	t.Log(string(out))
}

func TestOwnedProcessWaited(t *testing.T) {
	cmd := startHelper(t)
	defer cmd.Wait()
	cmd.Process.Kill()
}

func TestTempDirRemovedInDefer(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func TestTempDirRemovedInCleanup(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func TestTempDirRemovedInDeferredClosure(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds")
	require.NoError(t, err)
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Error(err)
		}
	}()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func removeLater(t *testing.T, dir string) {
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
}

func TestTempDirRemovedByLocalHelper(t *testing.T) {
	dir, err := os.MkdirTemp("", "kinds")
	require.NoError(t, err)
	removeLater(t, dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o600))
}

func TestTempDirOfTesting(t *testing.T) {
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), "x"), nil, 0o600))
}

// A process started outside a test is its caller's business: the
// helper returns it started (RULES: (*exec.Cmd).Start is a resource), so
// the test that never waits for it leaks it.
func startDaemon() *exec.Cmd {
	cmd := exec.Command("sleep", "10")
	_ = cmd.Start()
	return cmd
}

func TestDaemon(t *testing.T) {
	cmd := startDaemon() // want `cmd from startDaemon is never waited for`
	t.Log(cmd.Path)
}

func TestDaemonWaited(t *testing.T) {
	cmd := startDaemon()
	t.Cleanup(func() { _ = cmd.Wait() })
	t.Log(cmd.Path)
}

// A directory made inside t.TempDir() goes with its parent.
func TestTempDirInsideTestTempDir(t *testing.T) {
	dir, err := os.MkdirTemp(t.TempDir(), "sub")
	require.NoError(t, err)
	nested, err := os.MkdirTemp(filepath.Join(t.TempDir(), "a"), "sub")
	require.NoError(t, err)
	t.Log(dir, nested)
}

// Under a directory the test itself made, the obligation stays.
func TestTempDirInsideOwnTempDir(t *testing.T) {
	base, err := os.MkdirTemp("", "base") // want `dir|base from os.MkdirTemp is never removed`
	require.NoError(t, err)
	sub, err := os.MkdirTemp(base, "sub") // want `sub from os.MkdirTemp is never removed`
	require.NoError(t, err)
	t.Log(sub)
}
