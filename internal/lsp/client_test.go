package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakvet/leakvet/internal/lsp/jsonrpc"
)

// client drives a Server over pipes, as an editor would.
type client struct {
	t      *testing.T
	out    *jsonrpc.Writer
	nextID int64
	done   chan error // Run's result

	mu       sync.Mutex
	cond     *sync.Cond
	received []*jsonrpc.Message // what the server sent and waitFor has not taken, in order
	closed   bool
	raw      io.Writer // the pipe to the server, for malformed messages
}

// wait bounds every wait of the tests, so that a server that never
// answers fails the test instead of hanging it.
const wait = 60 * time.Second

// newClient starts a server analysing with a and connects a client; the
// client answers the server's own requests (progress creation) with null.
func newClient(t *testing.T, a Analysis) *client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	srv := New(a, testSuite, fromServer)
	srv.SetLog(t.Logf)
	c := &client{t: t, out: jsonrpc.NewWriter(fromClient), raw: fromClient, done: make(chan error, 1)}
	c.cond = sync.NewCond(&c.mu)
	go func() {
		err := srv.Run(context.Background(), toServer)
		fromServer.Close()
		c.done <- err
	}()
	go func() {
		r := jsonrpc.NewReader(toClient)
		for {
			m, err := r.Read()
			c.mu.Lock()
			if err != nil {
				c.closed = true
				c.cond.Broadcast()
				c.mu.Unlock()
				return
			}
			c.received = append(c.received, m)
			c.cond.Broadcast()
			c.mu.Unlock()
			if m.IsRequest() {
				c.out.Write(jsonrpc.Response(m.ID, nil, nil))
			}
		}
	}()
	t.Cleanup(func() {
		fromClient.Close()
		toClient.Close()
	})
	return c
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) *jsonrpc.Message {
	c.t.Helper()
	c.nextID++
	id := fmt.Sprint(c.nextID)
	m, err := jsonrpc.Request(c.nextID, method, params)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.out.Write(m); err != nil {
		c.t.Fatal(err)
	}
	return c.waitFor("response to "+method, func(m *jsonrpc.Message) bool {
		return m.IsResponse() && string(*m.ID) == id
	})
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	m, err := jsonrpc.Notification(method, params)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.out.Write(m); err != nil {
		c.t.Fatal(err)
	}
}

// waitFor takes the first message not yet taken that matches. It fails
// the test after wait.
func (c *client) waitFor(what string, match func(*jsonrpc.Message) bool) *jsonrpc.Message {
	c.t.Helper()
	deadline := time.Now().Add(wait)
	timer := time.AfterFunc(wait, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		for i, m := range c.received {
			if match(m) {
				c.received = slices.Delete(c.received, i, i+1)
				return m
			}
		}
		if c.closed || time.Now().After(deadline) {
			var got []string
			for _, m := range c.received {
				got = append(got, m.Method+" "+string(m.Params)+string(m.Result))
			}
			c.t.Fatalf("waiting for %s: not received (closed=%v); unconsumed messages:\n%s", what, c.closed, strings.Join(got, "\n"))
		}
		c.cond.Wait()
	}
}

// since returns the messages of method not yet taken, without taking
// them.
func (c *client) since(method string) []*jsonrpc.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*jsonrpc.Message
	for _, m := range c.received {
		if m.Method == method {
			out = append(out, m)
		}
	}
	return out
}

// initialize performs the handshake with the given initializationOptions.
func (c *client) initialize(options any) map[string]any {
	c.t.Helper()
	resp := c.call("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               nil,
		"capabilities":          map[string]any{"window": map[string]any{"workDoneProgress": true}},
		"initializationOptions": options,
	})
	if resp.Error != nil {
		c.t.Fatalf("initialize: %v", resp.Error)
	}
	var result map[string]any
	if err := json.Unmarshal(resp.Result, &result); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return result
}

// shutdown ends the session as the protocol asks and checks that the
// server exits cleanly.
func (c *client) shutdown() {
	c.t.Helper()
	if resp := c.call("shutdown", nil); resp.Error != nil || string(resp.Result) != "null" {
		c.t.Fatalf("shutdown: result %s, error %v", resp.Result, resp.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Run after shutdown and exit: %v", err)
		}
	case <-time.After(wait):
		c.t.Fatal("the server did not exit")
	}
}

// open opens path with its content on disk.
func (c *client) open(path string) {
	c.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": TextDocumentItem{URI: fileURI(path), LanguageID: "go", Version: 1, Text: string(data)}})
}

// diagnostics waits for the next diagnostics published for path.
func (c *client) diagnostics(path string) []Diagnostic {
	c.t.Helper()
	m := c.waitFor("diagnostics of "+filepath.Base(path), func(m *jsonrpc.Message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p PublishDiagnosticsParams
		return json.Unmarshal(m.Params, &p) == nil && p.URI == fileURI(path)
	})
	var p PublishDiagnosticsParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	sort.Slice(p.Diagnostics, func(i, j int) bool { return p.Diagnostics[i].Range.Start.Line < p.Diagnostics[j].Range.Start.Line })
	return p.Diagnostics
}

// message waits for a window/showMessage and returns its params.
func (c *client) message() ShowMessageParams {
	c.t.Helper()
	m := c.waitFor("window/showMessage", func(m *jsonrpc.Message) bool { return m.Method == "window/showMessage" })
	var p ShowMessageParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// codeActions requests the code actions on the lines of r.
func (c *client) codeActions(path string, r Range) []CodeAction {
	c.t.Helper()
	resp := c.call("textDocument/codeAction", map[string]any{
		"textDocument": TextDocumentIdentifier{URI: fileURI(path)},
		"range":        r,
		"context":      map[string]any{"diagnostics": []any{}},
	})
	if resp.Error != nil {
		c.t.Fatalf("codeAction: %v", resp.Error)
	}
	var actions []CodeAction
	if err := json.Unmarshal(resp.Result, &actions); err != nil {
		c.t.Fatal(err)
	}
	return actions
}
