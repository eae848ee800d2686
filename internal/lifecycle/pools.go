package lifecycle

import (
	"fmt"
	"strings"
)

// PoolTable lists the expressions that build a connection pool: calls of
// constructors and allocations of types whose zero value starts one
// (&http.Transport{}). Building one per request or per loop iteration is
// what clientreuse reports. The kinds it holds are not resources of the
// resource table unless they are also there (sql.DB is both): a pool that
// is never closed in startup code is not a leak.
type PoolTable struct {
	ctors  map[FuncKey]*Kind
	allocs map[TypeKey]*Kind
}

// NewPoolTable returns an empty table.
func NewPoolTable() *PoolTable {
	return &PoolTable{ctors: make(map[FuncKey]*Kind), allocs: make(map[TypeKey]*Kind)}
}

// AddConstructor records that calls of fn return a fresh pool of kind k
// as their first result.
func (p *PoolTable) AddConstructor(fn FuncKey, k *Kind) { p.ctors[fn] = k }

// AddAllocation records that allocating a value of type t (a composite
// literal, new(T), a variable) builds a pool of kind k.
func (p *PoolTable) AddAllocation(t TypeKey, k *Kind) { p.allocs[t] = k }

// Constructor returns the kind of pool calls of fn return, or nil.
func (p *PoolTable) Constructor(fn FuncKey) *Kind { return p.ctors[fn] }

// Allocation returns the kind of pool an allocation of t builds, or nil.
func (p *PoolTable) Allocation(t TypeKey) *Kind { return p.allocs[t] }

// Pools is the pool table every analyzer reads. Flags extend it at
// start-up (before any package is analysed); it is not modified afterwards.
var Pools = defaultPools()

func defaultPools() *PoolTable {
	p := NewPoolTable()
	kind := func(pkg, name, noun string, release ...string) *Kind {
		key := TypeKey{Pkg: pkg, Name: name}
		return &Kind{Name: key.String(), Type: key, Release: release, Noun: noun, Pool: true}
	}
	ctor := func(k *Kind, pkg, recv string, names ...string) {
		for _, n := range names {
			p.AddConstructor(FuncKey{Pkg: pkg, Recv: recv, Name: n}, k)
		}
	}

	transport := kind("net/http", "Transport", "HTTP transport", "CloseIdleConnections")
	p.AddAllocation(transport.Type, transport)
	ctor(transport, "net/http", "Transport", "Clone")

	// The resource table's kind, so that unclosed and clientreuse talk
	// about the same thing.
	db := Default.KindOfType(TypeKey{Pkg: "database/sql", Name: "DB"})
	ctor(db, "database/sql", "", "Open", "OpenDB")

	const grpc = "google.golang.org/grpc"
	ctor(Default.KindOfType(TypeKey{Pkg: grpc, Name: "ClientConn"}), grpc, "", "Dial", "DialContext", "NewClient")

	for _, redis := range []string{
		"github.com/redis/go-redis/v9",
		"github.com/go-redis/redis/v8",
		"github.com/go-redis/redis/v7",
		"github.com/go-redis/redis",
	} {
		ctor(kind(redis, "Client", "Redis client", "Close"), redis, "", "NewClient", "NewFailoverClient")
		ctor(kind(redis, "ClusterClient", "Redis cluster client", "Close"), redis, "", "NewClusterClient", "NewFailoverClusterClient")
		ctor(kind(redis, "UniversalClient", "Redis client", "Close"), redis, "", "NewUniversalClient")
		ctor(kind(redis, "Ring", "Redis ring client", "Close"), redis, "", "NewRing")
	}

	for _, v := range []string{"v5", "v4"} {
		pgx := "github.com/jackc/pgx/" + v
		ctor(kind(pgx, "Conn", "pgx connection", "Close"), pgx, "", "Connect", "ConnectConfig")
		pool := kind(pgx+"/pgxpool", "Pool", "pgx connection pool", "Close")
		if v == "v5" {
			ctor(pool, pgx+"/pgxpool", "", "New", "NewWithConfig")
		} else {
			ctor(pool, pgx+"/pgxpool", "", "Connect", "ConnectConfig")
		}
	}

	const sqlx = "github.com/jmoiron/sqlx"
	ctor(kind(sqlx, "DB", "database pool", "Close"), sqlx, "", "Open", "Connect", "ConnectContext", "MustOpen", "MustConnect")

	// gorm closes through db.DB(), which a caller's tracking follows.
	ctor(kind("gorm.io/gorm", "DB", "GORM database pool"), "gorm.io/gorm", "", "Open")
	return p
}

// Extend parses one entry of the -clientreuse.constructors flag and adds
// it to the table:
//
//	importpath.Func[:Release[|Release...]]
//	importpath.Type.Method[:Release...]
//	importpath.Type{}[:Release...]
//
// The first two name calls that return a fresh pool as their first
// result; the third says that allocating a Type (a composite literal,
// new) builds one. The release methods shut it down (default Close).
func (p *PoolTable) Extend(entry string) error {
	name, methods, hasRelease := strings.Cut(entry, ":")
	release := []string{"Close"}
	var explicit []string // checked against the pool's type; the default Close is not required
	if hasRelease {
		release = strings.Split(methods, "|")
		explicit = release
		for _, m := range release {
			if !isIdent(m) {
				return fmt.Errorf("pool constructor %q: release method %q is not an identifier", entry, m)
			}
		}
	}
	if typ, ok := strings.CutSuffix(name, "{}"); ok {
		key, ok := parseTypeKey(typ)
		if !ok || !isIdent(key.Name) {
			return fmt.Errorf("pool constructor %q: type %q is not of the form importpath.Type", entry, typ)
		}
		p.AddAllocation(key, &Kind{Name: key.String(), Type: key, Release: release, Noun: qualifiedType(key), Pool: true})
		recordExtension(&extension{owner: "clientreuse", entry: entry, types: []TypeKey{key}, release: explicit})
		return nil
	}
	fk, ok := parseFuncKey(name)
	if !ok || !isIdent(fk.Name) || fk.Recv != "" && !isIdent(fk.Recv) {
		return fmt.Errorf("pool constructor %q: want importpath.Func, importpath.Type.Method or importpath.Type{}", entry)
	}
	p.AddConstructor(fk, &Kind{Name: fk.String(), Release: release, Noun: "connection pool", Pool: true})
	recordExtension(&extension{owner: "clientreuse", entry: entry, funcs: []FuncKey{fk}, release: explicit})
	return nil
}
