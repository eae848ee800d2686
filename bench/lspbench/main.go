// Command lspbench measures save-to-diagnostics latency of language
// servers: it plays an editor over the protocol, opens a file of a copy of
// a real module, waits for the first diagnostics (the cold analysis), then
// saves it several times, each time with one more comment line, and times
// each save until the server publishes the file's diagnostics again. For
// leakvet lsp it then times changes that are not saved (one more comment
// line in the buffer only), from the change to the diagnostics of the
// buffer: the server analyses a change after a pause of 300 ms, which the
// figure includes; golangci-lint-langserver does not analyse changes.
//
//	go run ./bench/lspbench -leakvet /tmp/lsp/leakvet \
//	    -gcl /tmp/lsp/custom-gcl -langserver /tmp/lsp/bin/golangci-lint-langserver \
//	    sqlx=/work/real/sqlx:sqlx.go resty=/work/real/resty:client.go
//
// Each module is copied to a scratch directory first (the original is
// never written). With -gcl and -langserver it also measures
// golangci-lint-langserver running that golangci-lint (built with the
// leakvet plugin, only leakvet enabled) in the same run, so the two can be
// compared. It prints a Markdown table.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	leakvet := flag.String("leakvet", "leakvet", "the leakvet binary")
	gcl := flag.String("gcl", "", "a golangci-lint built with the leakvet plugin (optional)")
	langserver := flag.String("langserver", "", "the golangci-lint-langserver binary (optional, with -gcl)")
	saves := flag.Int("saves", 5, "saves to time per module and server")
	changes := flag.Int("changes", -1, "unsaved changes to time with leakvet lsp (-1: as many as -saves; 0 for a leakvet that does not analyse changes)")
	timeout := flag.Duration("timeout", 10*time.Minute, "the longest wait for diagnostics")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: lspbench [flags] name=moduledir:file ...")
	}
	scratch, err := os.MkdirTemp("", "lspbench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(scratch)

	fmt.Println("| module | server | first diagnostics | save→diagnostics median | min | max | saves | change→diagnostics median |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, arg := range flag.Args() {
		name, rest, ok1 := strings.Cut(arg, "=")
		dir, file, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 {
			log.Fatalf("bad module %q: want name=moduledir:file", arg)
		}
		type server struct {
			label   string
			cmd     []string
			init    any
			changes bool // it analyses unsaved changes
		}
		servers := []server{{"leakvet lsp", []string{*leakvet, "lsp"}, nil, true}}
		if *gcl != "" && *langserver != "" {
			servers = append(servers, server{"golangci-lint-langserver + custom golangci-lint", []string{*langserver},
				map[string]any{"command": []string{*gcl, "run", "--output.json.path", "stdout", "--show-stats=false", "--issues-exit-code=1"}}, false})
		}
		for i, s := range servers {
			copyDir := filepath.Join(scratch, fmt.Sprintf("%s-%d", name, i))
			if err := copyTree(dir, copyDir); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(copyDir, ".golangci.yml"), []byte(golangciConfig), 0o644); err != nil {
				log.Fatal(err)
			}
			n := 0
			if s.changes {
				n = *changes
				if n < 0 {
					n = *saves
				}
			}
			r, err := measure(s.cmd, s.init, filepath.Join(copyDir, file), *saves, n, *timeout)
			if err != nil {
				fmt.Printf("| %s | %s | failed: %v | | | | | |\n", name, s.label, err)
				continue
			}
			sorted := slices.Clone(r.saves)
			slices.Sort(sorted)
			change := "not analysed"
			if len(r.changes) > 0 {
				c := slices.Clone(r.changes)
				slices.Sort(c)
				change = fmt.Sprintf("%s (%d)", sec(c[len(c)/2]), len(c))
			}
			fmt.Printf("| %s | %s | %s | %s | %s | %s | %d | %s |\n", name, s.label, sec(r.first),
				sec(sorted[len(sorted)/2]), sec(sorted[0]), sec(sorted[len(sorted)-1]), len(sorted), change)
		}
	}
}

// golangciConfig enables leakvet alone, as .golangci.example.yml does.
const golangciConfig = `version: "2"
linters:
  default: none
  enable:
    - leakvet
  settings:
    custom:
      leakvet:
        type: module
        description: finds resources, goroutines and fixtures that are never released
        settings:
          disable: []
`

func sec(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// result is what one server took on one module.
type result struct {
	first   time.Duration   // open to the first diagnostics
	saves   []time.Duration // each save to the next diagnostics
	changes []time.Duration // each unsaved change to the next diagnostics
}

// measure runs the server cmd with the client side of the protocol.
func measure(cmd []string, initOptions any, file string, saves, changes int, timeout time.Duration) (*result, error) {
	c, err := start(cmd, filepath.Dir(file))
	if err != nil {
		return nil, err
	}
	defer c.stop()
	uri := "file://" + filepath.ToSlash(file)
	if _, err := c.call("initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": "file://" + filepath.Dir(file),
		"capabilities": map[string]any{}, "initializationOptions": initOptions,
	}, timeout); err != nil {
		return nil, fmt.Errorf("initialize: %w", err)
	}
	c.notify("initialized", map[string]any{})
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	res := &result{}
	t0 := time.Now()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(text)}})
	if err := c.waitDiagnostics(uri, timeout); err != nil {
		return nil, fmt.Errorf("first diagnostics: %w", err)
	}
	res.first = time.Since(t0)
	for i := range saves {
		text = fmt.Appendf(text, "\n// lspbench save %d\n", i+1)
		if err := os.WriteFile(file, text, 0o644); err != nil {
			return nil, err
		}
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": i + 2}, "contentChanges": []any{map[string]any{"text": string(text)}}})
		t := time.Now()
		c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
		if err := c.waitDiagnostics(uri, timeout); err != nil {
			return nil, fmt.Errorf("save %d: %w", i+1, err)
		}
		res.saves = append(res.saves, time.Since(t))
	}
	for i := range changes {
		text = fmt.Appendf(text, "\n// lspbench change %d, not saved\n", i+1)
		t := time.Now()
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": saves + i + 2}, "contentChanges": []any{map[string]any{"text": string(text)}}})
		if err := c.waitDiagnostics(uri, timeout); err != nil {
			return nil, fmt.Errorf("change %d: %w", i+1, err)
		}
		res.changes = append(res.changes, time.Since(t))
	}
	c.call("shutdown", nil, 30*time.Second)
	c.notify("exit", nil)
	return res, nil
}

// conn is the client end of a server process.
type conn struct {
	proc   *exec.Cmd
	stdin  io.WriteCloser
	mu     sync.Mutex
	nextID int
	inbox  chan map[string]any
}

func start(argv []string, dir string) (*conn, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stderr = io.Discard
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	c := &conn{proc: cmd, stdin: stdin, inbox: make(chan map[string]any, 1024)}
	go c.read(bufio.NewReader(stdout))
	return c, nil
}

func (c *conn) stop() {
	c.stdin.Close()
	done := make(chan struct{})
	go func() { c.proc.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.proc.Process.Kill()
		<-done
	}
}

// read decodes messages into the inbox and answers the server's requests
// with null.
func (c *conn) read(r *bufio.Reader) {
	defer close(c.inbox)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
				length, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m map[string]any
		if json.Unmarshal(body, &m) != nil {
			continue
		}
		if m["method"] != nil && m["id"] != nil {
			c.send(map[string]any{"id": m["id"], "result": nil})
			continue
		}
		c.inbox <- m
	}
}

func (c *conn) send(m map[string]any) {
	m["jsonrpc"] = "2.0"
	body, _ := json.Marshal(m)
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (c *conn) notify(method string, params any) {
	c.send(map[string]any{"method": method, "params": params})
}

func (c *conn) call(method string, params any, timeout time.Duration) (map[string]any, error) {
	c.mu.Lock()
	c.nextID++
	id := float64(c.nextID)
	c.mu.Unlock()
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return c.wait(timeout, func(m map[string]any) bool { return m["id"] == id })
}

func (c *conn) waitDiagnostics(uri string, timeout time.Duration) error {
	_, err := c.wait(timeout, func(m map[string]any) bool {
		p, _ := m["params"].(map[string]any)
		return m["method"] == "textDocument/publishDiagnostics" && p["uri"] == uri
	})
	return err
}

// wait returns the next message that matches, dropping the others.
func (c *conn) wait(timeout time.Duration, match func(map[string]any) bool) (map[string]any, error) {
	deadline := time.After(timeout)
	for {
		select {
		case m, ok := <-c.inbox:
			if !ok {
				return nil, errors.New("the server exited")
			}
			if match(m) {
				return m, nil
			}
		case <-deadline:
			return nil, fmt.Errorf("no answer in %s", timeout)
		}
	}
}

// copyTree copies the regular files under src to dst, skipping .git.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
