// Package jsonrpc reads and writes JSON-RPC 2.0 messages framed as the
// Language Server Protocol frames them: a header block with a
// Content-Length, a blank line, then that many bytes of JSON.
package jsonrpc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Message is any JSON-RPC 2.0 message: a request (ID and Method set), a
// notification (Method set, no ID) or a response (ID set, no Method).
type Message struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *Error           `json:"error,omitempty"`
}

// IsRequest reports whether m expects a response.
func (m *Message) IsRequest() bool { return m.Method != "" && m.ID != nil }

// IsNotification reports whether m is a notification.
func (m *Message) IsNotification() bool { return m.Method != "" && m.ID == nil }

// IsResponse reports whether m answers a request.
func (m *Message) IsResponse() bool { return m.Method == "" && m.ID != nil }

// Error is a JSON-RPC error object.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Error formats the error with its code.
func (e *Error) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Error codes of JSON-RPC 2.0 and the Language Server Protocol.
const (
	CodeParseError           = -32700
	CodeInvalidRequest       = -32600
	CodeMethodNotFound       = -32601
	CodeInvalidParams        = -32602
	CodeInternalError        = -32603
	CodeServerNotInitialized = -32002
	CodeRequestCancelled     = -32800
)

// maxMessage bounds the size of one message, so that a corrupt header
// cannot make the reader allocate without limit.
const maxMessage = 256 << 20

// Reader reads framed messages.
type Reader struct {
	r *bufio.Reader
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReader(r)} }

// Read reads the next message. It returns io.EOF when the stream ends
// cleanly between messages.
func (r *Reader) Read() (*Message, error) {
	length := -1
	for first := true; ; first = false {
		line, err := r.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && first && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading message header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				return nil, fmt.Errorf("bad Content-Length %q", strings.TrimSpace(value))
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("message header has no Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, fmt.Errorf("reading message body of %d bytes: %w", length, err)
	}
	m := new(Message)
	if err := json.Unmarshal(body, m); err != nil {
		return nil, &Error{Code: CodeParseError, Message: fmt.Sprintf("decoding message: %v", err)}
	}
	return m, nil
}

// Writer writes framed messages; it is safe for concurrent use.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes m with its header in one piece.
func (w *Writer) Write(m *Message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding message: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		return fmt.Errorf("writing message: %w", err)
	}
	return nil
}

// Notification builds a notification of method with params.
func Notification(method string, params any) (*Message, error) {
	raw, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("encoding params of %s: %w", method, err)
	}
	return &Message{Method: method, Params: raw}, nil
}

// Request builds a request of method with params and the numeric id.
func Request(id int64, method string, params any) (*Message, error) {
	m, err := Notification(method, params)
	if err != nil {
		return nil, err
	}
	raw := json.RawMessage(strconv.FormatInt(id, 10))
	m.ID = &raw
	return m, nil
}

// Response builds the response to the request with id: result when err
// is nil, else err (an *Error keeps its code; others are internal errors).
func Response(id *json.RawMessage, result any, err error) *Message {
	m := &Message{ID: id}
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			e = &Error{Code: CodeInternalError, Message: err.Error()}
		}
		m.Error = e
		return m
	}
	raw, merr := json.Marshal(result)
	if merr != nil {
		m.Error = &Error{Code: CodeInternalError, Message: fmt.Sprintf("encoding result: %v", merr)}
		return m
	}
	m.Result = raw
	return m
}
