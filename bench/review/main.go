// Command review turns leakvet's findings on the benchmark modules into
// stable, reviewable records and computes precision from human verdicts.
//
//	review findings -name NAME -root DIR -json FILE -out FILE
//	review precision -findings DIR -verdicts DIR
//
// A verdict's reason that says "act: no" marks a right finding no
// maintainer would change the code for (a fail path, a process that exits
// right after, a test double's error path); precision counts it as right,
// the actionable share does not. "(act: no; KIND)" says why, KIND one of
// fail-path (leaks only when a test already failed), process (lives as
// long as the process), dead (a path that cannot run) or other. Issue 11
// counts as acted on every right finding but the first three kinds; the
// precision table shows both shares.
//
// A finding's key hashes its module-relative file, analyzer, message with
// line numbers removed, and its rank among identical findings in the file,
// so a verdict survives edits that only shift lines.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: review findings|precision [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "findings":
		err = findingsCmd(os.Args[2:])
	case "precision":
		err = precisionCmd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "review:", err)
		os.Exit(1)
	}
}

// finding is one leakvet diagnostic.
type finding struct {
	Key      string
	File     string // relative to the module root
	Line     int
	Analyzer string
	Message  string
}

var (
	posn    = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)
	lineRef = regexp.MustCompile(`line \d+`)
)

// jsonTree is the x/tools -json output: package -> analyzer -> diagnostics.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

func findingsCmd(args []string) error {
	fs := flag.NewFlagSet("findings", flag.ContinueOnError)
	name := fs.String("name", "", "module name (for the header)")
	root := fs.String("root", "", "module root directory")
	in := fs.String("json", "", "leakvet -json output")
	out := fs.String("out", "", "findings file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		return fmt.Errorf("reading leakvet output: %w", err)
	}
	var tree jsonTree
	if err := json.Unmarshal(data, &tree); err != nil {
		return fmt.Errorf("parsing leakvet -json output %s: %w", *in, err)
	}
	seen := make(map[string]bool)
	var list []finding
	for _, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var diags []jsonDiag
			if json.Unmarshal(raw, &diags) != nil {
				continue // an error object, not diagnostics
			}
			for _, d := range diags {
				m := posn.FindStringSubmatch(d.Posn)
				if m == nil {
					continue
				}
				rel, err := filepath.Rel(*root, m[1])
				if err != nil {
					rel = m[1]
				}
				line := 0
				fmt.Sscan(m[2], &line)
				id := d.Posn + "\x00" + d.Message
				if seen[id] {
					continue // a file shared by a package and its test variant
				}
				seen[id] = true
				list = append(list, finding{File: filepath.ToSlash(rel), Line: line, Analyzer: analyzer, Message: d.Message})
			}
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].File != list[j].File {
			return list[i].File < list[j].File
		}
		return list[i].Line < list[j].Line
	})
	rank := make(map[string]int)
	var b strings.Builder
	fmt.Fprintf(&b, "# leakvet findings on %s: key, file:line, analyzer, message\n", *name)
	for i := range list {
		f := &list[i]
		base := f.File + "\x00" + f.Analyzer + "\x00" + lineRef.ReplaceAllString(f.Message, "line N")
		rank[base]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", base, rank[base])))
		f.Key = hex.EncodeToString(sum[:6])
		fmt.Fprintf(&b, "%s\t%s:%d\t%s\t%s\n", f.Key, f.File, f.Line, f.Analyzer, f.Message)
	}
	return os.WriteFile(*out, []byte(b.String()), 0o644)
}

func readFindings(path string) ([]finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []finding
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 4)
		if len(parts) != 4 {
			return nil, fmt.Errorf("%s: malformed line %q", path, line)
		}
		file, _, _ := strings.Cut(parts[1], ":")
		out = append(out, finding{Key: parts[0], File: file, Analyzer: parts[2], Message: parts[3]})
	}
	return out, sc.Err()
}

// verdict is a reviewer's judgement of one finding.
type verdict struct {
	Verdict string // TP, FP or unsure
	Reason  string
}

// actionable reports whether a maintainer would change the code for it.
func (v verdict) actionable() bool {
	return v.Verdict == "TP" && !strings.Contains(v.Reason, "act: no")
}

// notActedKinds are the kinds of right findings issue 11 does not count as
// acted on: leaks on fail paths, of process lifetime, or on dead paths.
var notActedKinds = map[string]bool{"fail-path": true, "process": true, "dead": true}

// actNoKind returns why a right finding is "act: no" ("fail-path",
// "process", "dead", "other", or "unspecified" when the reason does not
// say), or "" when a maintainer would act on it.
func (v verdict) actNoKind() string {
	i := strings.Index(v.Reason, "act: no")
	if i < 0 {
		return ""
	}
	rest := v.Reason[i+len("act: no"):]
	if !strings.HasPrefix(rest, ";") {
		return "unspecified"
	}
	kind, _, _ := strings.Cut(strings.TrimSpace(rest[1:]), ")")
	return strings.TrimSpace(kind)
}

// actedByIssueDefinition reports whether issue 11 counts the finding as one
// a maintainer acts on: right, and not a fail-path, process-lifetime or
// dead-path leak.
func (v verdict) actedByIssueDefinition() bool {
	return v.Verdict == "TP" && !notActedKinds[v.actNoKind()]
}

// readVerdicts reads key -> verdict from a TSV: key, TP|FP|unsure, reason.
func readVerdicts(path string) (map[string]verdict, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]verdict{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]verdict)
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) < 3 {
			return nil, fmt.Errorf("%s:%d: want key, verdict, reason separated by tabs", path, n+1)
		}
		switch parts[1] {
		case "TP", "FP", "unsure":
		default:
			return nil, fmt.Errorf("%s:%d: verdict %q is not TP, FP or unsure", path, n+1, parts[1])
		}
		out[parts[0]] = verdict{Verdict: parts[1], Reason: parts[2]}
	}
	return out, nil
}

func precisionCmd(args []string) error {
	fs := flag.NewFlagSet("precision", flag.ContinueOnError)
	findingsDir := fs.String("findings", "bench/findings", "directory of <module>.txt findings")
	verdictsDir := fs.String("verdicts", "bench/verdicts", "directory of <module>.tsv verdicts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(*findingsDir, "*.txt"))
	if err != nil {
		return err
	}
	type tally struct{ tp, fp, unsure, unreviewed, act, issueAct int }
	kinds := make(map[string]int)
	byAnalyzer := make(map[string]*tally)
	var unreviewed []string
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		list, err := readFindings(path)
		if err != nil {
			return err
		}
		verdicts, err := readVerdicts(filepath.Join(*verdictsDir, name+".tsv"))
		if err != nil {
			return err
		}
		for _, f := range list {
			t := byAnalyzer[f.Analyzer]
			if t == nil {
				t = &tally{}
				byAnalyzer[f.Analyzer] = t
			}
			v := verdicts[f.Key]
			if v.actionable() {
				t.act++
			}
			if v.actedByIssueDefinition() {
				t.issueAct++
			}
			if k := v.actNoKind(); k != "" && v.Verdict == "TP" {
				kinds[k]++
			}
			switch v.Verdict {
			case "TP":
				t.tp++
			case "FP":
				t.fp++
			case "unsure":
				t.unsure++
			default:
				t.unreviewed++
				unreviewed = append(unreviewed, fmt.Sprintf("%s\t%s\t%s\t%s", name, f.Key, f.File, f.Message))
			}
		}
	}
	names := make([]string, 0, len(byAnalyzer))
	for n := range byAnalyzer {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println("| analyzer | findings | TP | FP | unsure | unreviewed | precision (TP/(TP+FP)) | actionable (TP not act: no) / reviewed | acted on, issue 11 (TP not fail-path, process, dead) / reviewed |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	var all tally
	for _, n := range names {
		t := byAnalyzer[n]
		prec := "n/a"
		if t.tp+t.fp > 0 {
			prec = fmt.Sprintf("%.2f", float64(t.tp)/float64(t.tp+t.fp))
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %s | %s | %s |\n", n, t.tp+t.fp+t.unsure+t.unreviewed, t.tp, t.fp, t.unsure, t.unreviewed, prec, share(t.act, t.tp+t.fp+t.unsure), share(t.issueAct, t.tp+t.fp+t.unsure))
		all.tp, all.fp, all.unsure, all.unreviewed = all.tp+t.tp, all.fp+t.fp, all.unsure+t.unsure, all.unreviewed+t.unreviewed
		all.act, all.issueAct = all.act+t.act, all.issueAct+t.issueAct
	}
	prec := "n/a"
	if all.tp+all.fp > 0 {
		prec = fmt.Sprintf("%.2f", float64(all.tp)/float64(all.tp+all.fp))
	}
	fmt.Printf("| all | %d | %d | %d | %d | %d | %s | %s | %s |\n", all.tp+all.fp+all.unsure+all.unreviewed, all.tp, all.fp, all.unsure, all.unreviewed, prec, share(all.act, all.tp+all.fp+all.unsure), share(all.issueAct, all.tp+all.fp+all.unsure))
	if len(kinds) > 0 {
		order := make([]string, 0, len(kinds))
		for k := range kinds {
			order = append(order, k)
		}
		sort.Strings(order)
		fmt.Print("\nRight findings a maintainer would not act on, by kind:")
		for _, k := range order {
			fmt.Printf(" %s %d", k, kinds[k])
		}
		fmt.Println()
	}
	if len(unreviewed) > 0 {
		fmt.Printf("\nUnreviewed findings (add a line per key to bench/verdicts/<module>.tsv):\n")
		for _, u := range unreviewed {
			fmt.Println(u)
		}
	}
	return nil
}

// share formats n of total as "n/total (0.xx)".
func share(n, total int) string {
	if total == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d (%.2f)", n, total, float64(n)/float64(total))
}
