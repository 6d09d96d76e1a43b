#!/usr/bin/env bash
# Throughput benchmark for crosscheck on a generated corpus.
#
#   bench/run.sh [SIZE_MB...]          # default: 10 100 1000
#
# For each size, generates (once; reused while the generator and arguments
# are unchanged) a corpus with examples/gen-corpus.rs into $BENCH_DIR/<size>mb/
# (files/ tree only for sizes <= 100), then times with /usr/bin/time -v:
#   crosscheck extract corpus.jsonl --format jsonl > /dev/null
#   crosscheck report  corpus.jsonl --format json  > /dev/null
#   LC_ALL=C grep -cE '<trigger words>' corpus.jsonl      (the ceiling)
#   LC_ALL=C grep -oE '<trigger words>' corpus.jsonl      (every trigger:
#                   a scan of all the text, which -c stops short of)
# and prints a Markdown table (also written to bench/RESULTS.md).
#
# Environment:
#   BENCH_DIR       work folder (default /tmp/crosscheck-bench)
#   CROSSCHECK_BIN  binary to measure (default: target/release/crosscheck,
#                   built first with `cargo build --release`; with
#                   CARGO_TARGET_DIR set, $CARGO_TARGET_DIR/release/crosscheck)
#   GEN_BIN         corpus generator (default: built with
#                   `cargo build --release --example gen-corpus`)
#   BENCH_SEED      generator seed (default 1)
#   BENCH_TIMEOUT   per-command limit in seconds (default 1800; 0 = none)
#                   (timeout(1) runs under time, so RSS/time include it: negligible)
#   BENCH_THREADS   passed as --threads N to crosscheck when set
#   BENCH_SPACY_MAX largest size (MB) at which spaCy's Matcher is timed too
#                   (default 100; needs `import spacy` to work, see bench/spacy/)
#   BENCH_REPEAT    runs of each command (default 1); the table keeps the
#                   fastest (wall) run and a note lists every run's wall time,
#                   so a busy shared host shows as a spread, not as a figure
#   BENCH_STAGES    size (MB) whose corpus examples/stages.rs times stage by
#                   stage (default: the largest size; 0 = skip): where
#                   extract's time goes, next to the regex crate doing grep's
#                   jobs on the same bytes (best of BENCH_REPEAT)
#
# If the binary cannot read a .jsonl corpus yet, extract/report fall back to
# the files/ folder (generated for that size if missing) and the output says so.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BENCH_DIR="${BENCH_DIR:-/tmp/crosscheck-bench}"
BENCH_SEED="${BENCH_SEED:-1}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
BENCH_REPEAT="${BENCH_REPEAT:-1}"
BENCH_SPACY_MAX="${BENCH_SPACY_MAX:-100}"
TARGET="${CARGO_TARGET_DIR:-target}"
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(10 100 1000)

# The ceiling: one pass of grep over the same bytes with the default rules'
# trigger vocabulary (rules/{fr,en}/*.yaml), accented forms as written in
# copy since grep does not fold. 52 alternatives.
TRIGGERS='morts|tués|tuées|perdu la vie|coûté la vie|bilan|blessés|blessées|évacués|évacuées|évacuation|réfugiés|déplacés|franchi la frontière|blocus|bloqué|bloquée|assiégé|isolée|peuplée|population|habitants|agression|accuse|ouvert le feu|attaque|killed|dead|deaths|death toll|died|wounded|injured|hurt|evacuated|evacuees|evacuation|refugees|displaced|fled|crossed into|blockade|blockaded|under siege|cut off|home to|inhabited by|aggression|provocation|opened fire|shelled|struck first'

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- binaries
if [[ -z "${CROSSCHECK_BIN:-}" ]]; then
    log "building crosscheck (cargo build --release)..."
    cargo build --release --quiet
    BIN="$TARGET/release/crosscheck"
else
    BIN="$CROSSCHECK_BIN"
fi
GEN_BIN_SET="${GEN_BIN:-}"
if [[ -z "${GEN_BIN:-}" ]]; then
    log "building the generator (cargo build --release --example gen-corpus)..."
    cargo build --release --quiet --example gen-corpus
    GEN_BIN="$TARGET/release/examples/gen-corpus"
fi
[[ -x "$BIN" ]] || { log "no crosscheck binary at $BIN"; exit 2; }
[[ -x "$GEN_BIN" ]] || { log "no generator at $GEN_BIN"; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
GEN_BIN="$(cd "$(dirname "$GEN_BIN")" && pwd)/$(basename "$GEN_BIN")"
THREAD_ARGS=()
[[ -n "${BENCH_THREADS:-}" ]] && THREAD_ARGS=(--threads "$BENCH_THREADS")

mkdir -p "$BENCH_DIR"

# ---------------------------------------------------------------- helpers
# generate SIZE WITH_FILES(0/1): corpus in $BENCH_DIR/<size>mb, reused when
# the stamp (generator checksum + arguments) matches.
generate() {
    local size=$1 files=$2 dir="$BENCH_DIR/${1}mb"
    local stamp
    stamp="$(cksum <"$GEN_BIN" | cut -d' ' -f1) mb=$size seed=$BENCH_SEED files=$files"
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" && -f "$dir/corpus.jsonl" ]]; then
        log "reusing $dir"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    local args=(--mb "$size" --out "$dir" --seed "$BENCH_SEED")
    [[ $files == 1 ]] || args+=(--no-files)
    log "generating ${size} MB into $dir..."
    "$GEN_BIN" "${args[@]}" 2>&1 | sed 's/^/  /' >&2
    printf '%s' "$stamp" >"$dir/.stamp"
}

# measure NAME OUTFILE CMD...: runs CMD under /usr/bin/time -v (stdout to
# OUTFILE), sets SECS (wall), CPU (user+sys), RSS_MB (peak, from time -v)
# and STATUS.
measure() {
    local name=$1 out=$2
    shift 2
    local tfile="$BENCH_DIR/time.txt" efile="$BENCH_DIR/stderr.txt"
    log "  $name"
    STATUS=0
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$tfile" timeout "$BENCH_TIMEOUT" "$@" >"$out" 2>"$efile" || STATUS=$?
    t1=$(date +%s%N)
    # Wall time from the clock around the run (time -v's "Elapsed" has only
    # 10 ms resolution, too coarse for grep on small sizes).
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS_MB=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$tfile")
    CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$tfile")
    if [[ $STATUS == 124 ]]; then
        log "    timed out after ${BENCH_TIMEOUT}s"
    elif [[ $STATUS != 0 ]]; then
        log "    exit $STATUS: $(head -c 300 "$efile")"
    fi
}

# best NAME OUTFILE CMD...: `measure` BENCH_REPEAT times; keeps the fastest
# run's SECS, CPU, RSS_MB (STATUS of the last failure, if any) and lists
# every wall time in RUNS.
best() {
    local name=$1 out=$2 i b_secs="" b_cpu="" b_rss="" status=0
    shift 2
    RUNS=()
    for ((i = 1; i <= BENCH_REPEAT; i++)); do
        measure "$name" "$out" "$@"
        RUNS+=("$SECS")
        [[ $STATUS != 0 ]] && status=$STATUS
        if [[ -z $b_secs ]] || awk -v a="$SECS" -v b="$b_secs" 'BEGIN { exit !(a < b) }'; then
            b_secs=$SECS b_cpu=$CPU b_rss=$RSS_MB
        fi
    done
    SECS=$b_secs CPU=$b_cpu RSS_MB=$b_rss STATUS=$status
}

# Can this binary read a .jsonl corpus? (a 3-line probe: exit 0 and claims out)
jsonl_supported() {
    local probe="$BENCH_DIR/probe.jsonl"
    head -n 3 "$1" >"$probe"
    local n
    n=$("$BIN" extract "$probe" --format jsonl 2>/dev/null | wc -l) || return 1
    [[ $n -gt 0 ]]
}

fmt() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (b + 0 > 0) printf f, a / b; else printf "—" }'; }

CPU_MODEL=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
MEM_GB=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
MACHINE="$(nproc) cores, ${CPU_MODEL:-unknown CPU}, ${MEM_GB} GB RAM"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
NOTES=()

# ---------------------------------------------------------------- runs
for size in "${SIZES[@]}"; do
    files=0
    [[ $(awk -v s="$size" 'BEGIN { print (s <= 100) }') == 1 ]] && files=1
    generate "$size" "$files"
    dir="$BENCH_DIR/${size}mb"
    corpus="$dir/corpus.jsonl"
    bytes=$(stat -c %s "$corpus")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    articles=$(wc -l <"$corpus")

    input="$corpus"
    input_label="corpus.jsonl"
    if ! jsonl_supported "$corpus"; then
        msg="size $size: \`crosscheck extract corpus.jsonl\` failed or read nothing; falling back to the files/ folder (same articles as .md files)"
        log "NOTE: $msg"
        NOTES+=("$msg")
        if [[ ! -d "$dir/files" ]]; then
            generate "$size" 1
        fi
        input="$dir/files"
        input_label="files/"
    fi

    log "size $size MB ($bytes bytes, $articles articles), input $input_label:"

    # Claims, counted once, separately from the timed runs.
    log "  counting claims (extract | wc -l)"
    claims=$(timeout "$BENCH_TIMEOUT" "$BIN" extract "$input" --format jsonl "${THREAD_ARGS[@]}" 2>/dev/null | wc -l) || true

    best "grep" "$BENCH_DIR/grep.out" env LC_ALL=C grep -cE "$TRIGGERS" "$corpus"
    grep_secs=$SECS grep_rss=$RSS_MB grep_cpu=$CPU
    grep_mbps=$(fmt "$mb" "$grep_secs" "%.1f")
    ROWS+=("| $size | \`LC_ALL=C grep -cE '<52 trigger words>' corpus.jsonl\` | $grep_secs | $grep_cpu | $grep_mbps | $(fmt "$articles" "$grep_secs" "%.0f") | — | $grep_rss | 1 |")
    # grep -c stops reading a line at its first trigger, and an article is
    # one line; -o prints every trigger, so it reads all the text.
    best "grep -o" "$BENCH_DIR/grep-o.out" env LC_ALL=C grep -oE "$TRIGGERS" "$corpus"
    ROWS+=("| $size | \`LC_ALL=C grep -oE '<52 trigger words>' corpus.jsonl\` (every trigger) | $SECS | $CPU | $(fmt "$mb" "$SECS" "%.1f") | $(fmt "$articles" "$SECS" "%.0f") | — | $RSS_MB | $(awk -v s="$SECS" -v g="$grep_secs" 'BEGIN { if (g + 0 > 0) printf "1/%.0f", s / g; else printf "—" }') |")
    NOTES+=("size $size: grep -oE finds $(wc -l <"$BENCH_DIR/grep-o.out") triggers; grep -cE counts $(cat "$BENCH_DIR/grep.out") matching lines")

    # spaCy's rule Matcher over the same corpus, in the same run (bench/spacy/;
    # start-up not timed), when spaCy is installed and the size is small
    # enough: it reads about 3 MB/s.
    spacy_mbps=""
    if [[ $(awk -v s="$size" -v m="$BENCH_SPACY_MAX" 'BEGIN { print (s <= m) }') == 1 ]] \
        && python3 -c 'import spacy' 2>/dev/null; then
        best "spacy" "$BENCH_DIR/spacy.out" python3 "$ROOT/bench/spacy/matcher.py" "$corpus"
        if [[ $STATUS == 0 ]]; then
            spacy_secs=$(awk '/^seconds/ { print $2 }' "$BENCH_DIR/spacy.out")
            spacy_mbps=$(fmt "$mb" "$spacy_secs" "%.2f")
            ROWS+=("| $size | \`python3 bench/spacy/matcher.py corpus.jsonl\` (spaCy $(python3 -c 'import spacy; print(spacy.__version__)') Matcher, start-up not timed) | $spacy_secs | $CPU | $spacy_mbps | $(fmt "$articles" "$spacy_secs" "%.0f") | — | $RSS_MB | $(awk -v s="$spacy_secs" -v g="$grep_secs" 'BEGIN { if (g + 0 > 0) printf "1/%.0f", s / g; else printf "—" }') |")
        fi
    elif [[ $size == "${SIZES[0]}" ]]; then
        NOTES+=("spaCy row skipped: python3 cannot import spacy, or the size is over BENCH_SPACY_MAX=$BENCH_SPACY_MAX MB")
    fi

    for cmd in extract report; do
        fmtarg=jsonl
        [[ $cmd == report ]] && fmtarg=json
        best "$cmd" /dev/null "$BIN" "$cmd" "$input" --format "$fmtarg" "${THREAD_ARGS[@]}"
        [[ $BENCH_REPEAT -gt 1 ]] && NOTES+=("size $size, $cmd: wall s of the $BENCH_REPEAT runs: ${RUNS[*]}")
        label="\`crosscheck $cmd $input_label --format $fmtarg\`"
        if [[ $STATUS == 124 ]]; then
            ROWS+=("| $size | $label | >$BENCH_TIMEOUT (timeout) | $CPU | — | — | — | $RSS_MB | — |")
        elif [[ $STATUS != 0 ]]; then
            ROWS+=("| $size | $label | failed (exit $STATUS) | $CPU | — | — | — | $RSS_MB | — |")
        else
            mbps=$(fmt "$mb" "$SECS" "%.2f")
            # Same bytes, so the MB/s ratio is the ratio of wall times.
            ratio=$(awk -v s="$SECS" -v g="$grep_secs" 'BEGIN { if (g + 0 > 0) printf "1/%.0f", s / g; else printf "—" }')
            ROWS+=("| $size | $label | $SECS | $CPU | $mbps | $(fmt "$articles" "$SECS" "%.0f") | $(fmt "$claims" "$SECS" "%.0f") | $RSS_MB | $ratio |")
            if [[ $cmd == extract && -n $spacy_mbps ]]; then
                NOTES+=("size $size: extract runs at $(fmt "$mbps" "$spacy_mbps" "%.1f") times spaCy's Matcher in this run")
            fi
        fi
    done
    log "  $claims claims, $articles articles"
    NOTES+=("size $size: $mb MB, $articles articles, $claims claims (extract | wc -l)")
done

# ---------------------------------------------------------------- stages
STAGES_SIZE="${BENCH_STAGES:-${SIZES[-1]}}"
STAGES=""
if [[ $STAGES_SIZE != 0 ]]; then
    log "stages on ${STAGES_SIZE} MB (cargo build --release --example stages)..."
    cargo build --release --quiet --example stages
    THREAD_FLAG=()
    [[ -n "${BENCH_THREADS:-}" ]] && THREAD_FLAG=(--threads "$BENCH_THREADS")
    STAGES=$("$TARGET/release/examples/stages" "$BENCH_DIR/${STAGES_SIZE}mb/corpus.jsonl" \
        --repeat "$BENCH_REPEAT" "${THREAD_FLAG[@]}")
fi

# ---------------------------------------------------------------- table
REGEN="BENCH_DIR=$BENCH_DIR BENCH_SEED=$BENCH_SEED bench/run.sh ${SIZES[*]}"
[[ $BENCH_REPEAT -gt 1 ]] && REGEN="BENCH_REPEAT=$BENCH_REPEAT $REGEN"
[[ -n "${CROSSCHECK_BIN:-}" ]] && REGEN="CROSSCHECK_BIN=$CROSSCHECK_BIN $REGEN"
[[ -n "${BENCH_THREADS:-}" ]] && REGEN="BENCH_THREADS=$BENCH_THREADS $REGEN"
[[ -n "${BENCH_STAGES:-}" ]] && REGEN="BENCH_STAGES=$BENCH_STAGES $REGEN"
[[ -n "${GEN_BIN_SET:-}" ]] && REGEN="GEN_BIN=$GEN_BIN $REGEN"
[[ -n "${CARGO_TARGET_DIR:-}" && -z "${CROSSCHECK_BIN:-}" ]] && REGEN="CARGO_TARGET_DIR=$CARGO_TARGET_DIR $REGEN"
TABLE=$(
    echo "Machine: $MACHINE (load average at start: $LOAD_START)"
    echo
    echo "| size MB | command | wall s | CPU s | MB/s | articles/s | claims/s | peak RSS MB | MB/s vs grep |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    for n in "${NOTES[@]}"; do echo "- $n"; done
    echo "- binary: $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no git")); generator seed $BENCH_SEED; fastest of $BENCH_REPEAT run(s); wall time from the clock; CPU (user+sys) and peak RSS from /usr/bin/time -v; MB/s, articles/s and claims/s are per wall second"
    if [[ -n $STAGES ]]; then
        echo
        echo "Stage by stage (examples/stages.rs: the corpus in memory, each row doing the work of the rows above it):"
        echo
        echo "$STAGES"
    fi
    echo
    echo "Regenerate: \`$REGEN\`"
)
echo "$TABLE"
{
    echo "# crosscheck benchmark results"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "$TABLE"
} >"$ROOT/bench/RESULTS.md"
log "written to bench/RESULTS.md"
