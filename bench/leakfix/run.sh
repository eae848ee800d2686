#!/usr/bin/env bash
# bench/leakfix/run.sh: re-run leakvet on the leak-fix corpus of commits.tsv,
# on the commit before each fix and on the fix, and score it.
#
#   bash bench/leakfix/run.sh LEAKVET CHECKOUTS [OUT]
#
# LEAKVET    a leakvet binary (go build -o /tmp/leakvet ./cmd/leakvet)
# CHECKOUTS  a directory holding one checkout per commit, named
#            <repo name>-<first 8 hex digits of the commit>, e.g.
#            micro-2fbeb40b and micro-2913d5b5 for micro-editor/micro
#            (parent and fix). This script does not fetch anything: make
#            them with `git archive <commit> | tar -x -C <dir>` from a clone
#            (README.md). Rows whose `prep` column says `modinit <path>`
#            predate go.mod: the script runs `go mod init <path>` and
#            `go mod tidy` there when go.mod is missing.
# OUT        where the JSON findings go (default: a new temporary directory)
#
# Environment: ONLY=<id>[,<id>...] runs some rows; SKIPRUN=1 only re-scores
# the JSON already in OUT.
#
# For each row it runs `LEAKVET -json <package>` in both checkouts (with
# GOFLAGS=-mod=mod, so that old go.sum files missing entries still load),
# then prints, per row, whether a finding sits at one of the leak sites
# (leak_site, +-2 lines; `file:/regex/` matches a line by its text), whether
# none is left at the same sites after the fix (leak_site_after; a finding
# whose related positions point there counts too), the recorded verdicts of
# commits.tsv beside them, and every finding that appeared or disappeared
# between the two commits. The automatic columns are a screen: the recorded
# verdicts were set by reading each finding (README.md).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n 2,27p "$0" >&2; exit 2; }
lv=$(realpath "$1")
co=$(realpath "$2")
out=${3:-$(mktemp -d /tmp/leakfix-out.XXXXXX)}
mkdir -p "$out"
out=$(realpath "$out")
echo "findings in $out" >&2

if [ -z "${SKIPRUN:-}" ]; then
	tail -n +2 "$here/commits.tsv" | while IFS=$'\t' read -r id repo fix parent date pkg site site_after kind analyzer reason fb sa prep notes; do
		if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$id,"* ]]; then continue; fi
		name=${repo#*/}
		for side in before after; do
			c=$parent
			[ $side = after ] && c=$fix
			dir=$co/$name-${c:0:8}
			if [ ! -d "$dir" ]; then
				echo "$id: no checkout $dir" >&2
				echo missing >"$out/$id.$side.rc"
				continue
			fi
			(
				cd "$dir" || exit 1
				if [[ $prep == modinit* ]] && [ ! -f go.mod ]; then
					go mod init "${prep#modinit }" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1
				fi
				GOFLAGS=-mod=mod go mod download >/dev/null 2>&1
				# shellcheck disable=SC2086 # package may list several patterns
				GOFLAGS=-mod=mod "$lv" -json $pkg >"$out/$id.$side.json" 2>"$out/$id.$side.err"
				echo $? >"$out/$id.$side.rc"
			)
			echo "$id $side: exit $(cat "$out/$id.$side.rc")" >&2
		done
	done
fi

python3 - "$here/commits.tsv" "$co" "$out" "${ONLY:-}" <<'EOF'
import json, os, re, sys
tsv, co, out, only = sys.argv[1:5]
only = set(filter(None, only.split(",")))
rows = [l.rstrip("\n").split("\t") for l in open(tsv)]
hdr, rows = rows[0], rows[1:]

def load(id, side):
    rc = open(f"{out}/{id}.{side}.rc").read().strip() if os.path.exists(f"{out}/{id}.{side}.rc") else "missing"
    diags = []
    p = f"{out}/{id}.{side}.json"
    if os.path.exists(p) and os.path.getsize(p):
        try:
            tree = json.load(open(p))
        except ValueError:
            tree = {}
        for pkg, byan in tree.items():
            for an, ds in byan.items():
                if isinstance(ds, dict):  # {"error": ...}
                    continue
                for d in ds:
                    diags.append((an, d))
    return rc, diags

def split_posn(posn):
    m = re.match(r"(.*):(\d+):(\d+)$", posn) or re.match(r"(.*):(\d+)$", posn)
    return (m.group(1), int(m.group(2))) if m else (posn, 0)

def matches(posn, sites, root):
    f, line = split_posn(posn)
    for s in filter(None, sites.split(",")):
        path, _, spec = s.rpartition(":")
        if not (f == os.path.join(root, path) or f.endswith("/" + path)):
            continue
        if spec.startswith("/"):
            try:
                text = open(f).read().split("\n")[line - 1]
            except (OSError, IndexError):
                continue
            if re.search(spec.strip("/"), text):
                return True
        elif abs(int(spec) - line) <= 2:
            return True
    return False

def key(an, d, root):
    f, _ = split_posn(d["posn"])
    return (an, os.path.relpath(f, root), re.sub(r"\b(line )?\d+\b", "N", d["message"]))

fb_n = sa_n = both_n = n = 0
for r in rows:
    rec = dict(zip(hdr, r))
    id = rec["id"]
    if only and id not in only:
        continue
    name = rec["repo"].split("/")[1]
    roots = {s: os.path.join(co, f"{name}-{rec['parent' if s == 'before' else 'fix'][:8]}") for s in ("before", "after")}
    (rcb, db), (rca, da) = load(id, "before"), load(id, "after")
    hit = [(an, d) for an, d in db if matches(d["posn"], rec["leak_site"], roots["before"])]
    hit_rel = [(an, d) for an, d in db if not matches(d["posn"], rec["leak_site"], roots["before"])
               and any(matches(x["posn"], rec["leak_site"], roots["before"]) for x in d.get("related", []))]
    left = [(an, d) for an, d in da if matches(d["posn"], rec["leak_site_after"], roots["after"])
            or any(matches(x["posn"], rec["leak_site_after"], roots["after"]) for x in d.get("related", []))]
    auto_fb = "yes" if hit else ("related" if hit_rel else "no")
    auto_sa = "yes" if not left else "no"
    if rec["flagged_before"] != "n/a":  # n/a: does not build, replaced
        n += 1
    fb_n += rec["flagged_before"] == "yes"
    sa_n += rec["silent_after"] == "yes"
    both_n += rec["flagged_before"] == "yes" and rec["silent_after"] == "yes"
    print(f"== {id} ({rec['kind']}, {rec['analyzer']}) exit before {rcb}, after {rca}")
    print(f"   auto: flagged-before {auto_fb}, silent-after {auto_sa}   recorded: {rec['flagged_before']}, {rec['silent_after']}")
    for an, d in hit + hit_rel:
        print(f"   before  {an}: {os.path.relpath(d['posn'], roots['before'])}: {d['message'][:160]}")
    for an, d in left:
        print(f"   after   {an}: {os.path.relpath(d['posn'], roots['after'])}: {d['message'][:160]}")
    kb = {key(an, d, roots["before"]): (an, d) for an, d in db}
    ka = {key(an, d, roots["after"]): (an, d) for an, d in da}
    for k in sorted(set(kb) - set(ka)):
        an, d = kb[k]
        print(f"   gone    {an}: {os.path.relpath(d['posn'], roots['before'])}: {d['message'][:160]}")
    for k in sorted(set(ka) - set(kb)):
        an, d = ka[k]
        print(f"   new     {an}: {os.path.relpath(d['posn'], roots['after'])}: {d['message'][:160]}")
    print(f"   findings: {len(db)} before, {len(da)} after")
if n:
    print(f"recorded, over the {n} rows that build: flagged before {fb_n}/{n} ({100*fb_n/n:.0f}%), silent after {sa_n}/{n} ({100*sa_n/n:.0f}%), "
          f"both {both_n}/{n} ({100*both_n/n:.0f}%)")
EOF
