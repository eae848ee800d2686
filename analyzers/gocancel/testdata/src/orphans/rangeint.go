package orphans

// Join loops written `for range n`: go/ssa tests `0 < n` in front of the
// loop, and that test's edge to the loop's end is the loop making no
// turn (internal/lifecycle/zerotrip.go).

// Negative: n senders, n receives.
func sumOfWorkers(n int) int {
	results := make(chan int)
	for range n {
		go func() { results <- compute() }()
	}
	total := 0
	for range n {
		total += <-results
	}
	return total
}

// Positive twin: the receiving loop returns on the first negative
// result, stranding the senders not yet received.
func sumUntilNegative(n int) int {
	results := make(chan int)
	for range n {
		go func() { results <- compute() }() // want `goroutines send on results more often than sumUntilNegative receives before it can return at line \d+ \(leaving the loop early\)`
	}
	total := 0
	for range n {
		v := <-results
		if v < 0 {
			return -1
		}
		total += v
	}
	return total
}
