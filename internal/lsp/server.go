// Package lsp is leakvet's language server: it runs beside gopls, analyses
// the package of each Go file the editor opens or saves with the same
// driver as the command line, publishes the findings as diagnostics and
// offers their suggested fixes, and an ignore directive, as code actions.
//
// The server analyses on open and on save, starting at once, and on
// change after a pause in typing. The first analysis of a package goes
// through the go command, as the command line does; it keeps the
// package's units (driver.Units), and later ones analyse only the units
// of the edited file, with the unsaved buffers in place of their files,
// in a fraction of the time. A change is analysed only that way: when
// the kept units cannot answer (a file added, another package edited),
// the buffer keeps the diagnostics of its last saved state and offers no
// fixes until it is saved (their edits are offsets into the saved file).
// A buffer that does not compile mid-edit keeps its last diagnostics.
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/leakvet/leakvet/internal/driver"
	"github.com/leakvet/leakvet/internal/lsp/jsonrpc"
)

// Analysis analyses packages; driver.Analyze is the real one, and tests
// substitute a fake to control timing and results.
type Analysis interface {
	Analyze(ctx context.Context, req driver.Request) (*driver.Result, error)
}

// Suite is the Analysis that runs analyzers through driver.Analyze, the
// entry point the command line shares.
type Suite []*analysis.Analyzer

// Analyze runs the suite on req through driver.Analyze.
func (s Suite) Analyze(ctx context.Context, req driver.Request) (*driver.Result, error) {
	return driver.Analyze(ctx, s, req)
}

// DocURL is where each analyzer's documentation lives; the analyzer's
// name is appended.
const DocURL = "https://pkg.go.dev/github.com/leakvet/leakvet/analyzers/"

// changeDelay is the pause in typing after which a change is analysed.
const changeDelay = 300 * time.Millisecond

// Server is one language server session.
type Server struct {
	analysis    Analysis
	units       *driver.Units // kept between analyses; see driver.Units
	changeDelay time.Duration
	suite       []*analysis.Analyzer // for the settings keys
	out         *jsonrpc.Writer
	logf        func(format string, args ...any)

	mu           sync.Mutex
	initialized  bool
	shutdown     bool
	encoding     string
	workDone     bool // the client accepts server-initiated progress
	progressDone bool // the first analysis has reported its progress
	args         []string
	docs         map[string]*document // by file path
	pkgs         map[string]*pkgState // by directory
	queue        []string             // directories waiting for analysis, oldest first
	wake         chan struct{}
	nextID       int64
	calls        map[string]chan *jsonrpc.Message // server-to-client requests awaiting a response
	shown        map[string]bool                  // messages shown once, not on every save
}

// document is an open editor buffer.
type document struct {
	uri  string
	text []byte
}

// pkgState is the analysis state of one package directory.
type pkgState struct {
	pending  bool
	fastOnly bool     // the pending analysis is for changes only (Request.FastOnly)
	focus    []string // the files whose open, change or save is pending
	// wholePackage: the pending analysis is of every unit (new settings).
	wholePackage bool
	timer        *time.Timer        // the pause after a change, before its analysis is queued
	cancel       context.CancelFunc // of the running analysis, if any
	files        map[string]*fileResult
	contents     *contentCache // the files as analysed, for the fixes' edits
}

// fileResult is what the last analysis found in one file.
type fileResult struct {
	uri      string
	content  *content // the file as analysed; fixes are offsets into it
	findings []driver.Finding
	diags    []Diagnostic // one per finding
}

// New returns a server that analyses with a and writes to out. suite
// defines the settings keys (the analyzers' flags).
func New(a Analysis, suite []*analysis.Analyzer, out io.Writer) *Server {
	return &Server{
		analysis:    a,
		units:       driver.NewUnits(),
		changeDelay: changeDelay,
		suite:       suite,
		out:         jsonrpc.NewWriter(out),
		logf:        func(string, ...any) {},
		encoding:    encodingUTF16,
		docs:        make(map[string]*document),
		pkgs:        make(map[string]*pkgState),
		wake:        make(chan struct{}, 1),
		calls:       make(map[string]chan *jsonrpc.Message),
		shown:       make(map[string]bool),
	}
}

// SetLog sets where the server logs what it does (stderr for the
// command); by default it logs nothing.
func (s *Server) SetLog(logf func(format string, args ...any)) { s.logf = logf }

// errExitWithoutShutdown is returned by Run when the client sent exit
// before shutdown; the protocol asks for exit code 1 then.
var errExitWithoutShutdown = errors.New("exit before shutdown")

// Run serves the messages read from in until exit or the end of in. It
// returns nil after shutdown and exit, and an error otherwise.
func (s *Server) Run(ctx context.Context, in io.Reader) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer s.units.Close()
	go s.worker(ctx)
	r := jsonrpc.NewReader(in)
	for {
		m, err := r.Read()
		if err == io.EOF {
			return errors.New("the client closed the connection without exit")
		}
		var rpcErr *jsonrpc.Error
		if errors.As(err, &rpcErr) {
			s.write(jsonrpc.Response(nil, nil, rpcErr))
			continue
		}
		if err != nil {
			return err
		}
		switch {
		case m.IsResponse():
			s.deliver(m)
		case m.Method == "exit":
			s.mu.Lock()
			down := s.shutdown
			s.mu.Unlock()
			if !down {
				return errExitWithoutShutdown
			}
			return nil
		case m.IsRequest():
			result, err := s.request(m)
			s.write(jsonrpc.Response(m.ID, result, err))
		default:
			s.notification(m)
		}
	}
}

// ExitCode is the process exit code for the error Run returned.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	return 1
}

func (s *Server) write(m *jsonrpc.Message) {
	if err := s.out.Write(m); err != nil {
		s.logf("leakvet lsp: %v", err)
	}
}

func (s *Server) notify(method string, params any) {
	m, err := jsonrpc.Notification(method, params)
	if err != nil {
		s.logf("leakvet lsp: %v", err)
		return
	}
	s.write(m)
}

// call sends a request to the client and waits for its response, at
// most timeout.
func (s *Server) call(method string, params any, timeout time.Duration) (*jsonrpc.Message, error) {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	ch := make(chan *jsonrpc.Message, 1)
	key := fmt.Sprint(id)
	s.calls[key] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.calls, key)
		s.mu.Unlock()
	}()
	m, err := jsonrpc.Request(id, method, params)
	if err != nil {
		return nil, err
	}
	s.write(m)
	select {
	case resp := <-ch:
		if resp.Error != nil {
			return nil, resp.Error
		}
		return resp, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("%s: no response in %s", method, timeout)
	}
}

// deliver hands a response to the call waiting for it.
func (s *Server) deliver(m *jsonrpc.Message) {
	s.mu.Lock()
	ch := s.calls[string(*m.ID)]
	s.mu.Unlock()
	if ch != nil {
		ch <- m
	}
}

// showMessage shows text to the user; with once, only the first time
// that exact text comes up.
func (s *Server) showMessage(kind int, text string, once bool) {
	if once {
		s.mu.Lock()
		seen := s.shown[text]
		s.shown[text] = true
		s.mu.Unlock()
		if seen {
			return
		}
	}
	s.notify("window/showMessage", ShowMessageParams{Type: kind, Message: text})
}

// request answers a request.
func (s *Server) request(m *jsonrpc.Message) (any, error) {
	s.mu.Lock()
	initialized, down := s.initialized, s.shutdown
	s.mu.Unlock()
	if m.Method == "initialize" {
		return s.initialize(m.Params)
	}
	if !initialized {
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeServerNotInitialized, Message: m.Method + " before initialize"}
	}
	if down {
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidRequest, Message: m.Method + " after shutdown"}
	}
	switch m.Method {
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		for _, st := range s.pkgs {
			if st.cancel != nil {
				st.cancel()
			}
		}
		s.mu.Unlock()
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: err.Error()}
		}
		return s.codeActions(p), nil
	}
	return nil, &jsonrpc.Error{Code: jsonrpc.CodeMethodNotFound, Message: "leakvet lsp does not support " + m.Method}
}

// initialize negotiates capabilities and reads the initial settings.
func (s *Server) initialize(raw json.RawMessage) (any, error) {
	var p InitializeParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: err.Error()}
	}
	s.mu.Lock()
	if s.initialized {
		s.mu.Unlock()
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidRequest, Message: "initialize sent twice"}
	}
	s.initialized = true
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == encodingUTF8 {
			s.encoding = encodingUTF8
		}
	}
	s.workDone = p.Capabilities.Window.WorkDoneProgress
	encoding := s.encoding
	s.mu.Unlock()
	s.applySettings(p.InitializationOptions)
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": encoding,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full text: analysed in place of the file, through kept units
				"save":      map[string]any{"includeText": false},
			},
			"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
		},
		"serverInfo": map[string]any{"name": "leakvet"},
	}, nil
}

// applySettings decodes settings and shows each problem as an error.
func (s *Server) applySettings(raw json.RawMessage) {
	args, problems := decodeSettings(raw, s.suite)
	s.mu.Lock()
	s.args = args
	s.mu.Unlock()
	for _, p := range problems {
		s.showMessage(messageError, p, false)
	}
}

// notification handles a notification; unknown ones are ignored, as the
// protocol asks.
func (s *Server) notification(m *jsonrpc.Message) {
	s.mu.Lock()
	ready := s.initialized && !s.shutdown
	s.mu.Unlock()
	if !ready {
		return
	}
	switch m.Method {
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if s.decode(m, &p) {
			s.open(p.TextDocument.URI, p.TextDocument.Text)
		}
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if s.decode(m, &p) && len(p.ContentChanges) > 0 {
			s.change(p.TextDocument.URI, p.ContentChanges[len(p.ContentChanges)-1].Text)
		}
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if s.decode(m, &p) {
			s.save(p.TextDocument.URI)
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if s.decode(m, &p) {
			s.close(p.TextDocument.URI)
		}
	case "workspace/didChangeConfiguration":
		var p DidChangeConfigurationParams
		if s.decode(m, &p) {
			s.applySettings(p.Settings)
			s.reanalyseAll()
		}
	}
}

func (s *Server) decode(m *jsonrpc.Message, v any) bool {
	if err := json.Unmarshal(m.Params, v); err != nil {
		s.logf("leakvet lsp: %s: bad params: %v", m.Method, err)
		return false
	}
	return true
}

// goFile returns the path of a file: URI of a Go file, or "".
func goFile(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || !strings.HasSuffix(u.Path, ".go") {
		return ""
	}
	return filepath.Clean(filepath.FromSlash(u.Path))
}

// fileURI is the file: URI of a path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func (s *Server) open(uri, text string) {
	path := goFile(uri)
	if path == "" {
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: uri, text: []byte(text)}
	st := s.pkgs[filepath.Dir(path)]
	known, analysed := st != nil, st != nil && st.files != nil
	s.mu.Unlock()
	switch {
	case !known:
		s.schedule(filepath.Dir(path), path, false)
	case analysed:
		// The package was analysed: republish this file's diagnostics,
		// with the buffer's URI spelling.
		s.publishFile(path)
	default:
		// Its analysis is under way and will publish for this file too;
		// opening a file changes nothing on disk, so it goes on.
	}
}

// change records the buffer's text and, after a pause in typing,
// analyses it in place of the file, if the package's kept units allow.
func (s *Server) change(uri, text string) {
	path := goFile(uri)
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return
	}
	d.text = []byte(text)
	st := s.state(filepath.Dir(path))
	if st.timer != nil {
		st.timer.Stop()
	}
	st.timer = time.AfterFunc(s.changeDelay, func() { s.schedule(filepath.Dir(path), path, true) })
}

// state returns the state of the package in dir. Callers hold s.mu.
func (s *Server) state(dir string) *pkgState {
	st := s.pkgs[dir]
	if st == nil {
		st = &pkgState{}
		s.pkgs[dir] = st
	}
	return st
}

func (s *Server) save(uri string) {
	path := goFile(uri)
	if path == "" {
		return
	}
	if data, err := os.ReadFile(path); err == nil {
		s.mu.Lock()
		if d := s.docs[path]; d != nil {
			d.text = data
		}
		s.mu.Unlock()
	}
	s.schedule(filepath.Dir(path), path, false)
}

func (s *Server) close(uri string) {
	path := goFile(uri)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, path)
}

// reanalyseAll schedules every package with an open file.
func (s *Server) reanalyseAll() {
	s.mu.Lock()
	dirs := make(map[string]bool)
	for path := range s.docs {
		dirs[filepath.Dir(path)] = true
	}
	s.mu.Unlock()
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted)
	for _, d := range sorted {
		s.schedule(d, "", false)
	}
}

// schedule queues the analysis of the package in dir for file ("" for
// the whole package). An open or a save (fastOnly false)
// cancels the analysis running for the package, since its files changed
// since it started, and cancels a pending change's pause. A change
// (fastOnly) waits for a running analysis, so typing never stops the
// analysis of a save.
func (s *Server) schedule(dir, file string, fastOnly bool) {
	s.mu.Lock()
	st := s.state(dir)
	if !fastOnly {
		if st.timer != nil {
			st.timer.Stop()
			st.timer = nil
		}
		if st.cancel != nil {
			st.cancel()
		}
	}
	switch {
	case file == "":
		st.wholePackage = true
	case !slices.Contains(st.focus, file):
		st.focus = append(st.focus, file)
	}
	if !st.pending {
		st.pending = true
		st.fastOnly = fastOnly
		s.queue = append(s.queue, dir)
	} else if !fastOnly {
		st.fastOnly = false
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// worker analyses the queued packages one at a time (the analyzers'
// flags are shared, so analyses must not overlap).
func (s *Server) worker(ctx context.Context) {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 || s.shutdown {
			s.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-s.wake:
				continue
			}
		}
		dir := s.queue[0]
		s.queue = s.queue[1:]
		st := s.pkgs[dir]
		st.pending = false
		actx, cancel := context.WithCancel(ctx)
		st.cancel = cancel
		req := driver.Request{
			Dir:      dir,
			Patterns: []string{"."},
			Args:     append([]string(nil), s.args...),
			Units:    s.units,
			Files:    st.focus,
			Overlay:  s.overlay(dir),
			FastOnly: st.fastOnly,
		}
		if st.wholePackage {
			req.Files = nil
		}
		st.focus, st.wholePackage = nil, false
		progress := s.workDone && !s.progressDone && !req.FastOnly
		if progress {
			s.progressDone = true
		}
		s.mu.Unlock()

		s.analyse(actx, req, progress)

		s.mu.Lock()
		cancel()
		st.cancel = nil
		s.mu.Unlock()
	}
}

// overlay returns the open buffers of dir that differ from their files.
// Callers hold s.mu.
func (s *Server) overlay(dir string) map[string][]byte {
	var out map[string][]byte
	for path, d := range s.docs {
		if filepath.Dir(path) != dir {
			continue
		}
		if disk, err := os.ReadFile(path); err == nil && bytes.Equal(disk, d.text) {
			continue
		}
		if out == nil {
			out = make(map[string][]byte)
		}
		out[path] = slices.Clone(d.text)
	}
	return out
}

// analyse runs req and, unless a newer request cancelled it meanwhile,
// publishes what it found.
func (s *Server) analyse(ctx context.Context, req driver.Request, progress bool) {
	dir := req.Dir
	const token = "leakvet-analysis"
	if progress {
		if _, err := s.call("window/workDoneProgress/create", map[string]any{"token": token}, 5*time.Second); err != nil {
			progress = false
		} else {
			s.notify("$/progress", ProgressParams{Token: token, Value: WorkDoneProgress{Kind: "begin", Title: "leakvet", Message: "analysing " + dir + " and its dependencies"}})
		}
	}
	start := time.Now()
	res, err := s.analysis.Analyze(ctx, req)
	if progress {
		s.notify("$/progress", ProgressParams{Token: token, Value: WorkDoneProgress{Kind: "end", Message: "done"}})
	}
	if ctx.Err() != nil {
		s.logf("leakvet lsp: analysis of %s cancelled by a newer one after %s", dir, time.Since(start).Round(time.Millisecond))
		return
	}
	if req.FastOnly && (err != nil || len(res.Errors) > 0) {
		// A change the kept units cannot answer, or a buffer that does
		// not compile mid-edit: the last diagnostics stay.
		s.logf("leakvet lsp: change in %s not analysed (%s): %v", dir, time.Since(start).Round(time.Millisecond), errorOf(err, res))
		return
	}
	s.logf("leakvet lsp: analysed %s in %s (%d files named, fast only %v)", dir, time.Since(start).Round(time.Millisecond), len(req.Files), req.FastOnly)
	if err != nil {
		s.showMessage(messageError, fmt.Sprintf("leakvet could not analyse %s: %v", dir, err), true)
		res = &driver.Result{}
	}
	if len(res.Errors) > 0 {
		s.showMessage(messageWarning, fmt.Sprintf("leakvet could not analyse all of %s: %s", dir, strings.Join(res.Errors, "; ")), true)
	}
	s.publish(ctx, dir, res, req.Overlay)
}

// errorOf describes why a result is not published.
func errorOf(err error, res *driver.Result) string {
	if err != nil {
		return err.Error()
	}
	return strings.Join(res.Errors, "; ")
}

// publish records the findings in dir's files, analysed with the
// contents of overlay in place of those files, and publishes them.
func (s *Server) publish(ctx context.Context, dir string, res *driver.Result, overlay map[string][]byte) {
	byFile := make(map[string][]driver.Finding)
	for _, f := range res.Findings {
		if path := filepath.Clean(f.Pos.Filename); filepath.Dir(path) == dir {
			byFile[path] = append(byFile[path], f)
		}
	}
	contents := newContentCache()
	for path, text := range overlay {
		contents.files[path] = newContent(text)
	}
	for _, p := range s.record(ctx, dir, byFile, res.Files, contents) {
		s.notify("textDocument/publishDiagnostics", p)
	}
}

// record stores the findings of dir's files and returns what to publish:
// the files with findings, and empty lists for the files whose findings
// are gone and for open files without any (so that the client knows they
// were analysed). With analysed not nil, only those files were analysed,
// and the others keep their findings. It returns nothing when a newer
// analysis replaces this one. Sending happens after, without the lock
// held.
func (s *Server) record(ctx context.Context, dir string, byFile map[string][]driver.Finding, analysed []string, contents *contentCache) []PublishDiagnosticsParams {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil {
		return nil
	}
	st := s.pkgs[dir]
	old := st.files
	st.files = make(map[string]*fileResult)
	if analysed != nil {
		for path, fr := range old {
			if !slices.Contains(analysed, path) {
				st.files[path] = fr // not analysed this time
				delete(old, path)
			}
		}
	}
	st.contents = contents
	for path, fs := range byFile {
		fr := &fileResult{uri: s.uriOf(path), content: contents.get(path), findings: fs}
		for _, f := range fs {
			fr.diags = append(fr.diags, s.diagnostic(f, contents))
		}
		st.files[path] = fr
	}
	var out []PublishDiagnosticsParams
	empty := func(path string) {
		out = append(out, PublishDiagnosticsParams{URI: s.uriOf(path), Diagnostics: []Diagnostic{}})
	}
	for path := range old {
		if st.files[path] == nil {
			empty(path)
		}
	}
	for path := range s.docs {
		if filepath.Dir(path) == dir && st.files[path] == nil && old[path] == nil {
			empty(path)
		}
	}
	for _, fr := range st.files {
		out = append(out, PublishDiagnosticsParams{URI: fr.uri, Diagnostics: fr.diags})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out
}

// publishFile republishes the last findings of one file.
func (s *Server) publishFile(path string) {
	s.mu.Lock()
	st := s.pkgs[filepath.Dir(path)]
	p := PublishDiagnosticsParams{URI: s.uriOf(path), Diagnostics: []Diagnostic{}}
	if fr := st.files[path]; fr != nil {
		fr.uri = p.URI
		p.Diagnostics = fr.diags
	}
	s.mu.Unlock()
	s.notify("textDocument/publishDiagnostics", p)
}

// uriOf is the URI of path: the client's spelling if the file is open.
// Callers hold s.mu.
func (s *Server) uriOf(path string) string {
	if d := s.docs[path]; d != nil {
		return d.uri
	}
	return fileURI(path)
}

// diagnostic converts a finding. Callers hold s.mu.
func (s *Server) diagnostic(f driver.Finding, contents *contentCache) Diagnostic {
	d := Diagnostic{
		Range:           s.rangeOf(f.Pos, f.End, contents),
		Severity:        severityWarning,
		Code:            f.Analyzer,
		CodeDescription: &CodeDescription{Href: DocURL + f.Analyzer},
		Source:          "leakvet",
		Message:         strings.TrimPrefix(f.Message, f.Analyzer+": "), // the code names the analyzer
	}
	for _, r := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: s.uriOf(filepath.Clean(r.Pos.Filename)), Range: s.rangeOf(r.Pos, r.End, contents)},
			Message:  r.Message,
		})
	}
	return d
}

// rangeOf is the protocol range of [pos, end), never empty.
func (s *Server) rangeOf(pos, end token.Position, contents *contentCache) Range {
	c := contents.get(filepath.Clean(pos.Filename))
	endOffset := -1
	if end.IsValid() && filepath.Clean(end.Filename) == filepath.Clean(pos.Filename) {
		endOffset = c.offsetOf(end)
	}
	from, to := c.span(c.offsetOf(pos), endOffset)
	return c.rangeOf(from, to, s.encoding)
}

// contentCache reads each file once per analysis.
type contentCache struct{ files map[string]*content }

func newContentCache() *contentCache { return &contentCache{files: make(map[string]*content)} }

// get returns the content of path on disk (empty if it cannot be read).
func (c *contentCache) get(path string) *content {
	if fc, ok := c.files[path]; ok {
		return fc
	}
	data, _ := os.ReadFile(path)
	fc := newContent(data)
	c.files[path] = fc
	return fc
}
