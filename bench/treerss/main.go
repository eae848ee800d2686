// Command treerss runs a command and measures what /usr/bin/time cannot:
// the peak resident memory of the whole process tree (the sum over the
// command and every descendant alive at once), as go vet's tool processes
// or a linter's workers add up.
//
//	treerss -o FILE command args...
//
// It writes "WALL_SECONDS PEAK_TREE_RSS_KB" to FILE, the format bench/run.sh
// reads from /usr/bin/time -f '%e %M', and exits with the command's status.
// It samples /proc every 10 ms, so processes that live less than that may
// be missed; the peak is at least the largest single process, as wait4
// reports it. Linux only.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "file to write \"wall_seconds peak_kb\" to")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: treerss -o FILE command args...")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "treerss: %v\n", err)
		os.Exit(1)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	peak := 0
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-tick.C:
			peak = max(peak, treeRSS(cmd.Process.Pid))
		}
	}
	wall := time.Since(start).Seconds()
	// A command shorter than one sample still has a peak: the largest
	// process of the tree, as wait4 reports it (what /usr/bin/time shows).
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, int(ru.Maxrss))
		}
	}
	if werr := os.WriteFile(*out, fmt.Appendf(nil, "%.2f %d\n", wall, peak), 0o644); werr != nil {
		fmt.Fprintf(os.Stderr, "treerss: writing %s: %v\n", *out, werr)
		os.Exit(1)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	case err != nil:
		fmt.Fprintf(os.Stderr, "treerss: %v\n", err)
		os.Exit(1)
	}
}

// treeRSS returns the summed resident set, in KB, of root and all its
// descendants.
func treeRSS(root int) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	children := make(map[int][]int)
	for _, s := range stats {
		data, err := os.ReadFile(s)
		if err != nil {
			continue // the process ended
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		text := string(data)
		i := strings.LastIndexByte(text, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(text[i+1:])
		if len(fields) < 2 {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(s)))
		ppid, _ := strconv.Atoi(fields[1])
		children[ppid] = append(children[ppid], pid)
	}
	total := 0
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = append(queue[1:], children[pid]...)
		total += rssKB(pid)
	}
	return total
}

// rssKB reads VmRSS of pid from /proc/pid/status; 0 if it has ended.
func rssKB(pid int) int {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}
