package orphans

import "context"

// Issue 11 §3.17: a channel reached through a field of a local struct is
// as local as one in a variable while the struct goes nowhere else.

type chunk struct {
	data []byte
	err  error
}

type chunker struct {
	chunks chan chunk
	size   int
}

func (c *chunker) split(data []byte) {
	for len(data) > c.size {
		c.chunks <- chunk{data: data[:c.size]}
		data = data[c.size:]
	}
	c.chunks <- chunk{data: data}
	close(c.chunks)
}

func (c *chunker) splitOrStop(ctx context.Context, data []byte) {
	defer close(c.chunks)
	for len(data) > c.size {
		select {
		case c.chunks <- chunk{data: data[:c.size]}:
		case <-ctx.Done():
			return
		}
		data = data[c.size:]
	}
}

var lastChunker *chunker

// ---- reported ----

func verifyChunks(data []byte) error {
	c := &chunker{chunks: make(chan chunk), size: 512}
	go c.split(data) // want `the goroutine sends on chunks more often than verifyChunks receives before it can return at line \d+ \(leaving the loop early\)`
	for ch := range c.chunks {
		if ch.err != nil {
			return ch.err
		}
	}
	return nil
}

func chunksBeforeError(data []byte) int {
	c := &chunker{chunks: make(chan chunk), size: 64}
	go func() { // want `the goroutine sends on chunks more often than chunksBeforeError receives`
		for i := 0; i < len(data); i += c.size {
			c.chunks <- chunk{data: data[i:min(i+c.size, len(data))]}
		}
		close(c.chunks)
	}()
	n := 0
	for ch := range c.chunks {
		if ch.err != nil {
			return n
		}
		n++
	}
	return -1
}

// ---- silent ----

// Every chunk is received: the loop ends only when the channel closes.
func countChunks(data []byte) int {
	c := &chunker{chunks: make(chan chunk), size: 512}
	go c.split(data)
	n := 0
	for range c.chunks {
		n++
	}
	return n
}

// The sender stops on the context the early return cancels.
func verifyChunksCancelled(data []byte) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &chunker{chunks: make(chan chunk), size: 512}
	go c.splitOrStop(ctx, data)
	for ch := range c.chunks {
		if ch.err != nil {
			return ch.err
		}
	}
	return nil
}

// The struct is kept in a package variable: someone else may drain it.
func verifyChunksShared(data []byte) error {
	c := &chunker{chunks: make(chan chunk), size: 512}
	lastChunker = c
	go c.split(data)
	for ch := range c.chunks {
		if ch.err != nil {
			return ch.err
		}
	}
	return nil
}

// Buffered for the one chunk the goroutine sends.
func verifyOneChunk(data []byte) error {
	c := &chunker{chunks: make(chan chunk, 1), size: len(data) + 1}
	go func() {
		c.chunks <- chunk{data: data}
		close(c.chunks)
	}()
	for ch := range c.chunks {
		if ch.err != nil {
			return ch.err
		}
	}
	return nil
}
