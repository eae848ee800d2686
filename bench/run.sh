#!/usr/bin/env bash
# bench/run.sh: leakvet against go vet and the linters users run today, on
# the pinned modules of bench/modules.txt. Needs only Go and the module proxy.
#
#   bash bench/run.sh                 all modules, all tools (about 20-30 min)
#   bash bench/run.sh gin pq          some modules
#   bash bench/run.sh -quick          one small module, no golangci-lint (CI)
#   bash bench/run.sh -findings       only leakvet's findings (bench/findings) and
#                                     their precision against bench/verdicts
#
# Each tool gets its own GOCACHE, primed by compiling the module first (with
# a go vet tool that analyses nothing), so the figures are analysis cost.
# Wall time and the peak RSS of the whole process tree (the go command and
# every tool process alive at once) come from bench/treerss. The machine
# may be shared: compare tools through the ratios, measured in the same run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
quick=0
findings_only=0
only=()
for a in "$@"; do
	case $a in
	-quick) quick=1 ;;
	-findings) findings_only=1 ;;
	-*) echo "unknown flag $a" >&2; exit 2 ;;
	*) only+=("$a") ;;
	esac
done

work=${BENCH_WORK:-$(mktemp -d /tmp/leakvet-bench.XXXXXX)}
mkdir -p "$work"/{bin,src,cache,out}
bin=$work/bin
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# --- tools -----------------------------------------------------------------
log "building leakvet, review, nullvet and treerss from $repo"
(cd "$repo" && go build -o "$bin/leakvet" ./cmd/leakvet && go build -o "$bin/review" ./bench/review &&
	go build -o "$bin/nullvet" ./bench/nullvet && go build -o "$bin/treerss" ./bench/treerss)
peers=()
while read -r name pkg; do
	[[ -z $name || $name == \#* ]] && continue
	if ((quick)) && [[ $name != bodyclose ]]; then continue; fi
	((findings_only)) && continue
	if [ ! -x "$bin/$name" ]; then
		log "installing $pkg"
		GOBIN=$bin go install "$pkg"
	fi
	peers+=("$name")
done <"$repo/bench/tools.txt"

# --- modules ---------------------------------------------------------------
mods=()
while read -r name modver _; do
	[[ -z $name || $name == \#* ]] && continue
	if ((${#only[@]})) && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
	if ((quick)) && [[ $name != retryablehttp ]]; then continue; fi
	mods+=("$name $modver")
done <"$repo/bench/modules.txt"
((${#mods[@]})) || { echo "no module selected" >&2; exit 2; }

log "fetching ${#mods[@]} modules as requirements of a throwaway module"
(
	mkdir -p "$work/fetch" && cd "$work/fetch"
	[ -f go.mod ] || go mod init bench.local/fetch >/dev/null 2>&1
	for m in "${mods[@]}"; do
		set -- $m
		path=${2%@*} version=${2#*@}
		GOFLAGS=-mod=mod go get -t "$path/...@$version" >/dev/null 2>&1 || GOFLAGS=-mod=mod go get "$path@$version" >/dev/null
		dir=$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$path")
		if [ ! -d "$work/src/$1" ]; then
			cp -r "$dir" "$work/src/$1" && chmod -R u+w "$work/src/$1"
		fi
		(cd "$work/src/$1" && go mod download >/dev/null 2>&1)
	done
)

# --- measuring ---------------------------------------------------------------
results=$work/results.tsv
: >"$results"

# count_findings FILE prints how many diagnostics (not related lines) FILE has.
count_findings() { grep -cE '^[^[:space:]#][^[:space:]]*\.go:[0-9]+:[0-9]+: [^[:space:]]' "$1" || true; }

# measure MODULE TOOL LABEL CMD... runs CMD in the module with the tool's
# GOCACHE (and leakvet's run cache of the module) and records wall
# seconds, the peak RSS of the process tree and findings.
measure() {
	local mod=$1 tool=$2 label=$3
	shift 3
	local out="$work/out/$mod.$label.txt" t="$work/out/$mod.$label.time"
	rm -f "$t"
	(cd "$work/src/$mod" && GOCACHE="$work/cache/$tool" GOLANGCI_LINT_CACHE="$work/cache/golangci-$mod" \
		LEAKVET_CACHE="$work/cache/leakvet-runs-$mod" "$bin/treerss" -o "$t" "$@" >"$out" 2>&1) || true
	read -r wall rss < <(tail -1 "$t" 2>/dev/null) || true
	[[ $wall =~ ^[0-9.]+$ && $rss =~ ^[0-9]+$ ]] || { wall=NaN rss=0; }
	printf '%s\t%s\t%s\t%s\t%s\n' "$mod" "$label" "$wall" "$((rss / 1024))" "$(count_findings "$out")" >>"$results"
	log "$mod $label: ${wall}s $((rss / 1024))MB"
}

# prime MODULE TOOL gives the tool a build cache of its own that already
# holds everything go vet compiles for the module: compiled once per module
# with a vet tool that analyses nothing, then hard-linked per tool.
prime() {
	local base="$work/cache/base-$1"
	if [ ! -d "$base" ]; then
		(cd "$work/src/$1" && GOCACHE="$base" go vet -vettool="$bin/nullvet" ./... >/dev/null 2>&1) || true
	fi
	rm -rf "$work/cache/$2"
	cp -al "$base" "$work/cache/$2"
}

# leaf_file MODULE prints a non-test Go file of a leaf package of the
# module (one no other package of the module imports), relative to the
# module's root: the file a developer's commit touches most often.
leaf_file() {
	(cd "$work/src/$1" && go list -f '{{.ImportPath}} {{.Dir}} {{join .GoFiles ","}}{{range .Imports}} {{.}}{{end}}' ./... 2>/dev/null |
		awk -v root="$PWD/" '{ pkg[NR] = $1; dir[NR] = $2; files[NR] = $3; for (i = 4; i <= NF; i++) imported[$i] = 1 }
			END { for (n = 1; n <= NR; n++) if (!(pkg[n] in imported) && files[n] != "") {
				split(files[n], f, ","); d = dir[n]; if (index(d "/", root) == 1) d = "." substr(d, length(root))
				print d "/" f[1]; exit } }')
}

# write_findings MODULE VERSION [GOCACHE] writes leakvet's findings on the
# module, keyed for review, to bench/findings (to the work directory with
# -quick).
write_findings() {
	local mod=$1 cache=${3:-$(go env GOCACHE)}
	(cd "$work/src/$mod" && GOCACHE="$cache" LEAKVET_CACHE="$work/cache/leakvet-runs-$mod" \
		"$bin/leakvet" -json ./... >"$work/out/$mod.json" 2>/dev/null) || true
	local dest=$repo/bench/findings
	((quick)) && dest=$work/findings && mkdir -p "$dest"
	"$bin/review" findings -name "$mod ($2)" -root "$work/src/$mod" -json "$work/out/$mod.json" -out "$dest/$mod.txt"
}

# The golangci-lint peer set, every issue printed so that findings compare.
golangci=("$bin/golangci-lint" run --no-config --default=none
	--enable=bodyclose,sqlclosecheck,rowserrcheck,noctx,contextcheck --max-issues-per-linter=0 --max-same-issues=0 ./...)

for m in "${mods[@]}"; do
	set -- $m
	mod=$1
	log "== $mod ($2)"
	if ((findings_only)); then
		write_findings "$mod" "$2"
		continue
	fi
	prime "$mod" vet && measure "$mod" vet "go-vet" go vet ./...
	prime "$mod" leakvet && measure "$mod" leakvet "leakvet-vet" go vet -vettool="$bin/leakvet" ./...
	# Standalone from cold: a build cache of its own and no run cache.
	prime "$mod" leakvet-sa && rm -rf "$work/cache/leakvet-runs-$mod" &&
		measure "$mod" leakvet-sa "leakvet-standalone" "$bin/leakvet" ./...
	for p in "${peers[@]}"; do
		case $p in
		golangci-lint)
			# golangci-lint keeps its own analysis cache: empty it, or a
			# BENCH_WORK reused from an earlier run makes the cold run warm.
			prime "$mod" golangci && rm -rf "$work/cache/golangci-$mod"
			measure "$mod" golangci "golangci-peers" "${golangci[@]}"
			;;
		*) prime "$mod" "$p" && measure "$mod" "$p" "$p-vet" go vet -vettool="$bin/$p" ./... ;;
		esac
	done
	# Warm re-runs, then after touching one file of a leaf package.
	measure "$mod" leakvet "leakvet-vet-warm" go vet -vettool="$bin/leakvet" ./...
	measure "$mod" leakvet-sa "leakvet-standalone-warm" "$bin/leakvet" ./...
	[[ " ${peers[*]} " == *" golangci-lint "* ]] && measure "$mod" golangci "golangci-peers-warm" "${golangci[@]}"
	touched=$(leaf_file "$mod")
	if [ -n "$touched" ]; then
		log "$mod: touching $touched"
		cp "$work/src/$mod/$touched" "$work/touched.bak"
		printf '\n// touched by bench/run.sh\n' >>"$work/src/$mod/$touched"
		measure "$mod" leakvet "leakvet-vet-touched" go vet -vettool="$bin/leakvet" ./...
		measure "$mod" leakvet-sa "leakvet-standalone-touched" "$bin/leakvet" ./...
		[[ " ${peers[*]} " == *" golangci-lint "* ]] && measure "$mod" golangci "golangci-peers-touched" "${golangci[@]}"
		cp "$work/touched.bak" "$work/src/$mod/$touched"
	fi
	write_findings "$mod" "$2" "$work/cache/leakvet-sa"
done
if ((findings_only)); then
	(cd "$repo" && "$bin/review" precision -findings bench/findings -verdicts bench/verdicts)
	exit 0
fi

# --- report ------------------------------------------------------------------
report() {
	echo "leakvet benchmark, $(date -u +%Y-%m-%d), $(go version | cut -d' ' -f3-), $(nproc) cores, $(uname -m)"
	echo
	echo "| module | tool | wall s | peak RSS MB | findings |"
	echo "|---|---|---|---|---|"
	awk -F'\t' '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$results"
	echo
	echo "Ratios (leakvet suite under go vet -vettool, cold analysis, warm build cache):"
	echo
	echo "| module | wall / bodyclose | RSS / bodyclose | wall / golangci peers | RSS / golangci peers |"
	echo "|---|---|---|---|---|"
	awk -F'\t' '
		{ wall[$1 "|" $2] = $3; rss[$1 "|" $2] = $4; if (!seen[$1]++) order[++n] = $1 }
		function ratio(a, b) { return (b > 0 && a != "NaN" && b != "NaN") ? sprintf("%.2f", a / b) : "n/a" }
		END { for (i = 1; i <= n; i++) { m = order[i]
			printf "| %s | %s | %s | %s | %s |\n", m,
				ratio(wall[m "|leakvet-vet"], wall[m "|bodyclose-vet"]), ratio(rss[m "|leakvet-vet"], rss[m "|bodyclose-vet"]),
				ratio(wall[m "|leakvet-vet"], wall[m "|golangci-peers"]), ratio(rss[m "|leakvet-vet"], rss[m "|golangci-peers"]) } }' "$results"
	echo
	echo "Standalone leakvet ./... (in process, per-unit and run caches), against the golangci-lint peer set and bodyclose under go vet:"
	echo
	echo "| module | cold s | cold / golangci | cold / bodyclose | peak tree RSS MB | warm s | touched s | touched / golangci touched |"
	echo "|---|---|---|---|---|---|---|---|"
	awk -F'\t' '
		{ wall[$1 "|" $2] = $3; rss[$1 "|" $2] = $4; if (!seen[$1]++) order[++n] = $1 }
		function ratio(a, b) { return (b > 0 && a != "NaN" && b != "NaN") ? sprintf("%.2f", a / b) : "n/a" }
		END { for (i = 1; i <= n; i++) { m = order[i]
			printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", m,
				wall[m "|leakvet-standalone"], ratio(wall[m "|leakvet-standalone"], wall[m "|golangci-peers"]),
				ratio(wall[m "|leakvet-standalone"], wall[m "|bodyclose-vet"]), rss[m "|leakvet-standalone"], wall[m "|leakvet-standalone-warm"], wall[m "|leakvet-standalone-touched"],
				ratio(wall[m "|leakvet-standalone-touched"], wall[m "|golangci-peers-touched"]) } }' "$results"
	echo
	if ((quick)); then
		echo "Findings (quick mode, not reviewed):"
		cat "$work"/findings/*.txt | grep -v '^#' | sed 's/^/    /' || true
	else
		echo "Precision over reviewed findings (bench/verdicts):"
		echo
		(cd "$repo" && "$bin/review" precision -findings bench/findings -verdicts bench/verdicts)
	fi
}
if ((!quick)); then
	log "scaling benchmark on generated packages"
	(cd "$repo" && go test -run '^$' -bench BenchmarkSuiteScaling -benchtime 5x -count 3 ./analyzers/) >"$work/out/scaling.txt" 2>&1 || true
fi
scaling() {
	echo "Scaling on generated packages (go test -bench BenchmarkSuiteScaling -count 3 ./analyzers/, fastest of three):"
	echo
	echo "| package | ns/op | ns/line |"
	echo "|---|---|---|"
	# Each size runs three times; the fastest run is the one least disturbed
	# by whatever else the machine was doing.
	awk '/^BenchmarkSuiteScaling/ { split($1, a, "="); sub(/-[0-9]+$/, "", a[2]); k = a[2]
			if (!(k in op)) { order[++n] = k; op[k] = $3; nl[k] = $5 } else if ($3 + 0 < op[k] + 0) { op[k] = $3; nl[k] = $5 } }
		END { for (i = 1; i <= n; i++) printf "| %s lines | %s | %s |\n", order[i], op[order[i]], nl[order[i]]
			if (n >= 2 && nl[order[1]] > 0) printf "\nGrowth of the cost per line from the smallest to the largest package: %.2fx\n", nl[order[n]] / nl[order[1]] }' "$work/out/scaling.txt"
}
{
	report
	if ((!quick)); then
		echo
		scaling
	fi
} | tee "$work/report.md"
log "raw outputs in $work/out; report in $work/report.md"
