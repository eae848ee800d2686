package lifecycle

// The default resource table of RULES.md, as data.

// Default is the resource table every analyzer reads. Flags extend it at
// start-up (before any package is analysed); it is not modified afterwards.
var Default = defaultTable()

func defaultTable() *Table {
	t := NewTable()
	kind := func(pkg, name, noun string, release ...string) *Kind {
		key := TypeKey{Pkg: pkg, Name: name}
		return t.AddKind(&Kind{Name: key.String(), Type: key, Release: release, Noun: noun})
	}
	ctor := func(k *Kind, pkg, recv string, names ...string) {
		for _, n := range names {
			t.AddConstructor(FuncKey{Pkg: pkg, Recv: recv, Name: n}, k, 0)
		}
	}

	resp := kind("net/http", "Response", "response body", "Close")
	resp.Field = "Body"
	ctor(resp, "net/http", "", "Get", "Post", "PostForm", "Head")
	ctor(resp, "net/http", "Client", "Do", "Get", "Post", "PostForm", "Head")
	ctor(resp, "net/http", "Transport", "RoundTrip")
	ctor(resp, "net/http", "RoundTripper", "RoundTrip")

	const sql = "database/sql"
	rows := kind(sql, "Rows", "rows", "Close")
	stmt := kind(sql, "Stmt", "prepared statement", "Close")
	conn := kind(sql, "Conn", "connection", "Close")
	tx := kind(sql, "Tx", "transaction", "Commit", "Rollback")
	db := kind(sql, "DB", "database pool", "Close")
	db.Pool = true
	for _, recv := range []string{"DB", "Tx", "Conn", "Stmt"} {
		ctor(rows, sql, recv, "Query", "QueryContext")
	}
	// A Stmt from tx.Prepare* is released by the transaction's Commit or
	// Rollback (RULES): only the transaction is owed a release.
	for _, recv := range []string{"DB", "Conn"} {
		ctor(stmt, sql, recv, "Prepare", "PrepareContext")
	}
	ctor(conn, sql, "DB", "Conn")
	ctor(tx, sql, "DB", "Begin", "BeginTx")
	ctor(tx, sql, "Conn", "BeginTx")
	ctor(db, sql, "", "Open", "OpenDB")

	file := kind("os", "File", "file", "Close")
	ctor(file, "os", "", "Open", "Create", "OpenFile", "CreateTemp", "OpenInRoot")
	ctor(file, "os", "Root", "Open", "Create", "OpenFile")
	ctor(file, "io/ioutil", "", "TempFile")
	// Both ends of a pipe are owed a Close.
	t.AddConstructor(FuncKey{Pkg: "os", Name: "Pipe"}, file, 0, 1)
	// File() of a connection or listener returns a dup'ed descriptor
	// that the caller owns, independent of the connection's own.
	for _, recv := range []string{"conn", "TCPConn", "UDPConn", "IPConn", "UnixConn", "TCPListener", "UnixListener"} {
		ctor(file, "net", recv, "File")
	}
	httpFile := kind("net/http", "File", "file", "Close")
	ctor(httpFile, "net/http", "FileSystem", "Open")
	ctor(httpFile, "net/http", "Dir", "Open")

	// A started process is owed a Wait (Run and Output wait themselves);
	// Wait is too common a method name to release values of unknown type.
	cmdKey := TypeKey{Pkg: "os/exec", Name: "Cmd"}
	cmd := t.AddKind(&Kind{Name: cmdKey.String(), Type: cmdKey, Release: []string{"Wait"}, Noun: "process", OwnRelease: true})
	t.AddConstructor(FuncKey{Pkg: "os/exec", Recv: "Cmd", Name: "Start"}, cmd, ReceiverResult)

	netConn := kind("net", "Conn", "connection", "Close")
	ctor(netConn, "net", "", "Dial", "DialTimeout")
	ctor(netConn, "net", "Dialer", "Dial", "DialContext")
	for _, c := range []struct{ typ, noun string }{
		{"TCPConn", "TCP connection"}, {"UDPConn", "UDP connection"},
		{"IPConn", "IP connection"}, {"UnixConn", "Unix connection"},
	} {
		k := kind("net", c.typ, c.noun, "Close")
		switch c.typ {
		case "TCPConn":
			ctor(k, "net", "", "DialTCP")
		case "UDPConn":
			ctor(k, "net", "", "DialUDP", "ListenUDP", "ListenMulticastUDP")
		case "IPConn":
			ctor(k, "net", "", "DialIP", "ListenIP")
		case "UnixConn":
			ctor(k, "net", "", "DialUnix", "ListenUnixgram")
		}
	}
	listener := kind("net", "Listener", "listener", "Close")
	ctor(listener, "net", "", "Listen")
	ctor(listener, "net", "ListenConfig", "Listen")
	packetConn := kind("net", "PacketConn", "packet connection", "Close")
	ctor(packetConn, "net", "", "ListenPacket")
	ctor(packetConn, "net", "ListenConfig", "ListenPacket")
	ctor(kind("net", "TCPListener", "TCP listener", "Close"), "net", "", "ListenTCP")
	ctor(kind("net", "UnixListener", "Unix listener", "Close"), "net", "", "ListenUnix")
	tlsConn := kind("crypto/tls", "Conn", "TLS connection", "Close")
	ctor(tlsConn, "crypto/tls", "", "Dial", "DialWithDialer")
	ctor(netConn, "crypto/tls", "Dialer", "Dial", "DialContext")
	ctor(listener, "crypto/tls", "", "Listen")

	ticker := kind("time", "Ticker", "ticker", "Stop")
	ticker.Before = "go1.23"
	ctor(ticker, "time", "", "NewTicker")
	timer := kind("time", "Timer", "timer", "Stop")
	timer.Before = "go1.23"
	ctor(timer, "time", "", "NewTimer")

	addPipeKinds(t)

	srv := kind("net/http/httptest", "Server", "test server", "Close")
	ctor(srv, "net/http/httptest", "", "NewServer", "NewTLSServer", "NewUnstartedServer")

	// A gRPC client connection runs its resolver, balancer and
	// transports in goroutines until Close (issue 11 §3.18). It is a pool
	// too: built per request, it is clientreuse's to report.
	const grpc = "google.golang.org/grpc"
	grpcConn := kind(grpc, "ClientConn", "gRPC client connection", "Close")
	grpcConn.Pool = true
	ctor(grpcConn, grpc, "", "Dial", "DialContext", "NewClient")

	addTestKinds(t)
	addCancelKinds(t)
	return t
}
