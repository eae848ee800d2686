package main_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakvet/leakvet/internal/lsp/jsonrpc"
)

// TestLSP runs `leakvet lsp` as an editor does: over the process's stdin
// and stdout, on a copy of testdata/e2e/editor. Its leak is published with
// a quick fix, and shutdown then exit end the process with code 0 (exit
// without shutdown, with code 1).
func TestLSP(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(fixture("editor"), "fetch.go"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/editor\n\ngo 1.26\n"), 0o644)
	file := filepath.Join(dir, "fetch.go")
	os.WriteFile(file, data, 0o644)
	uri := "file://" + filepath.ToSlash(file)

	for _, withShutdown := range []bool{true, false} {
		cmd := exec.Command(binary, "lsp")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		w, r := jsonrpc.NewWriter(stdin), jsonrpc.NewReader(stdout)
		send := func(m *jsonrpc.Message, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(m); err != nil {
				t.Fatal(err)
			}
		}
		timer := time.AfterFunc(5*time.Minute, func() { cmd.Process.Kill() })
		// next reads until a message matches; a killed server fails the read.
		next := func(what string, match func(*jsonrpc.Message) bool) *jsonrpc.Message {
			t.Helper()
			for {
				m, err := r.Read()
				if err != nil {
					t.Fatalf("waiting for %s: %v", what, err)
				}
				if m.IsRequest() { // progress creation
					send(jsonrpc.Response(m.ID, nil, nil), nil)
				}
				if match(m) {
					return m
				}
			}
		}
		send(jsonrpc.Request(1, "initialize", map[string]any{"capabilities": map[string]any{}}))
		next("the initialize response", func(m *jsonrpc.Message) bool { return m.IsResponse() })
		send(jsonrpc.Notification("initialized", map[string]any{}))
		if withShutdown {
			send(jsonrpc.Notification("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "go", "version": 1, "text": string(data)}}))
			m := next("diagnostics", func(m *jsonrpc.Message) bool { return m.Method == "textDocument/publishDiagnostics" })
			var p struct {
				URI         string
				Diagnostics []struct {
					Code, Message string
				}
			}
			json.Unmarshal(m.Params, &p)
			if p.URI != uri || len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "unclosed" || !strings.Contains(p.Diagnostics[0].Message, "resp.Body from http.Get is never closed") {
				t.Errorf("published %s, want the unclosed body of fetch.go", m.Params)
			}
			// Typed, not saved: the buffer is analysed in place of the
			// file through the units the first analysis kept.
			fixed := strings.Replace(string(data), "\t}\n\treturn io.ReadAll", "\t}\n\tdefer resp.Body.Close()\n\treturn io.ReadAll", 1)
			send(jsonrpc.Notification("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{"text": fixed}}}))
			m = next("diagnostics of the unsaved fix", func(m *jsonrpc.Message) bool { return m.Method == "textDocument/publishDiagnostics" })
			p.Diagnostics = nil
			json.Unmarshal(m.Params, &p)
			if p.URI != uri || len(p.Diagnostics) != 0 {
				t.Errorf("after an unsaved fix, published %s, want no diagnostics", m.Params)
			}
			if disk, _ := os.ReadFile(file); string(disk) != string(data) {
				t.Errorf("the change was written to fetch.go")
			}
			send(jsonrpc.Request(2, "shutdown", nil))
			next("the shutdown response", func(m *jsonrpc.Message) bool { return m.IsResponse() })
		}
		send(jsonrpc.Notification("exit", nil))
		err := cmd.Wait()
		timer.Stop()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
		if want := map[bool]int{true: 0, false: 1}[withShutdown]; code != want {
			t.Errorf("shutdown=%v: exit code %d (%v), want %d", withShutdown, code, err, want)
		}
	}
}

// TestLSPUnloadable: through the binary, a file in no module and a
// package that does not compile are window/showMessage notices, and the
// server goes on to answer shutdown.
func TestLSPUnloadable(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "a.go"), []byte("package a\n"), 0o644)
	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(broken, "b.go"), []byte("package b\n\nfunc f() {\n"), 0o644)
	for _, tc := range []struct {
		file     string
		kind     int
		contains string
	}{
		{filepath.Join(outside, "a.go"), 1, "go.mod"},
		{filepath.Join(broken, "b.go"), 2, "b.go:3"},
	} {
		cmd := exec.Command(binary, "lsp")
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(5*time.Minute, func() { cmd.Process.Kill() })
		w, r := jsonrpc.NewWriter(stdin), jsonrpc.NewReader(stdout)
		for _, m := range []struct {
			id     int64
			method string
			params any
		}{
			{1, "initialize", map[string]any{"capabilities": map[string]any{}}},
			{0, "initialized", map[string]any{}},
			{0, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file://" + filepath.ToSlash(tc.file), "languageId": "go", "version": 1, "text": ""}}},
		} {
			msg, _ := jsonrpc.Notification(m.method, m.params)
			if m.id != 0 {
				msg, _ = jsonrpc.Request(m.id, m.method, m.params)
			}
			w.Write(msg)
		}
		var shown struct {
			Type    int
			Message string
		}
		for shown.Message == "" {
			m, err := r.Read()
			if err != nil {
				t.Fatalf("%s: waiting for a message: %v", tc.file, err)
			}
			if m.Method == "window/showMessage" {
				json.Unmarshal(m.Params, &shown)
			}
		}
		if shown.Type != tc.kind || !strings.Contains(shown.Message, tc.contains) {
			t.Errorf("%s: message %+v, want type %d containing %q", tc.file, shown, tc.kind, tc.contains)
		}
		req, _ := jsonrpc.Request(2, "shutdown", nil)
		w.Write(req)
		for {
			m, err := r.Read()
			if err != nil {
				t.Fatalf("%s: no shutdown response: %v", tc.file, err)
			}
			if m.IsResponse() && string(*m.ID) == "2" {
				break
			}
		}
		exit, _ := jsonrpc.Notification("exit", nil)
		w.Write(exit)
		if err := cmd.Wait(); err != nil {
			t.Errorf("%s: %v", tc.file, err)
		}
		timer.Stop()
	}
}
