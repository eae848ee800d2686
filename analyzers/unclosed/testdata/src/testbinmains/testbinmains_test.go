package testbinmains

import (
	"database/sql"
	"io"
	"log"
	"net"
	"os"
	"testing"
)

const childEnv = "TESTBINMAINS_CHILD"

// TestMain re-executes the test binary as a child that runs flood and
// exits; the parent runs the tests.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		flood()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// flood is the child's payload: its socket lives as long as the child,
// which exits right after it returns.
func flood() {
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return
	}
	conn.WriteToUDP([]byte(Greeting()), conn.LocalAddr().(*net.UDPAddr))
}

// probe is called by TestMain's child and by a test: it runs once per
// test too, so its socket leaks every time.
func probe() {
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}) // want `conn from net.ListenUDP is never closed`
	if err != nil {
		return
	}
	conn.WriteToUDP([]byte(Greeting()), conn.LocalAddr().(*net.UDPAddr))
}

func TestProbe(t *testing.T) {
	probe()
}

func init() {
	if os.Getenv(childEnv) == "probe" {
		probe()
	}
}

// ExampleGreeting stands for a program's main: its pool lives as long
// as that program.
func ExampleGreeting() {
	db, err := sql.Open("stub", "")
	if err != nil {
		log.Fatal(err)
	}
	db.Exec("insert into greetings values ($1)", Greeting())
	// Output:
}

// Example_files still piles up one open file per iteration until it
// returns.
func Example_files() {
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop runs only when the function returns`
		io.Copy(io.Discard, f)
	}
}

// exampleDB is not an Example (it takes an argument): any caller may
// call it any number of times.
func exampleDB(dsn string) {
	db, err := sql.Open("stub", dsn) // want `db from sql.Open is never closed`
	if err != nil {
		log.Fatal(err)
	}
	db.Exec("insert into greetings values ($1)", Greeting())
}

func TestExampleDB(t *testing.T) { exampleDB("x") }
