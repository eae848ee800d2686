package facts

import "strings"

// ServeStop is an object fact on a method that serves, or stops, a server
// held in a field of its receiver, where the server's stop waits for its
// serve to return (a *grpc.Server: Stop and GracefulStop wait for every
// running Serve). A goroutine that calls a Serves method and a test that
// later calls a Stops method on the same receiver, with the same field,
// join: the stop returns only after the goroutine's serve has.
//
// Fields are paths of field indices from the receiver, ".2" or ".2.0";
// the empty path is the receiver itself.
type ServeStop struct {
	// Serves lists the fields whose server the method serves (it returns
	// when that serve returns).
	Serves []string
	// Stops lists the fields whose server the method stops and waits for.
	Stops []string
}

// AFact marks ServeStop as an analysis fact.
func (*ServeStop) AFact() {}

// String renders the fact for `// want name:"..."` comments:
// "Serves(.1) StopsServe(.1)".
func (s *ServeStop) String() string {
	var parts []string
	if len(s.Serves) > 0 {
		parts = append(parts, "Serves("+strings.Join(s.Serves, ",")+")")
	}
	if len(s.Stops) > 0 {
		parts = append(parts, "StopsServe("+strings.Join(s.Stops, ",")+")")
	}
	return strings.Join(parts, " ")
}
