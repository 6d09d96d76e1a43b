#!/usr/bin/env bash
# Throughput benchmark for crosscheck on two corpora of each size:
#
#   bench/run.sh [SIZE_MB...]          # default: 10 100 1000
#
#   generated  examples/gen-corpus.rs: our own sentence templates, about one
#              sentence in three or four a claim (dense)
#   realistic  examples/real-corpus.rs: the seed articles (../shared/corpus/
#              seeds), examples/, tests/corpus/varied and the phrasebook's
#              sentences (tests/corpus/phrasebook), repeated with their
#              figures varied: the density of news copy
#
# Each is written (once; reused while its generator and arguments are
# unchanged) into $BENCH_DIR/<size>mb/ and $BENCH_DIR/real-<size>mb/ as
# corpus.jsonl (one article a line) and corpus.txt (the same articles as
# plain text, one paragraph a line), plus a files/ tree of the generated one
# for sizes <= 100. Then, in one run, with /usr/bin/time -v:
#   LC_ALL=C grep -cE '<trigger words>' corpus.txt   (the ceiling)
#   LC_ALL=C grep -oE '<trigger words>' corpus.txt   (every trigger)
#   python3 bench/spacy/matcher.py corpus.jsonl      (spaCy's Matcher)
#   crosscheck extract corpus.jsonl --format jsonl > /dev/null
#   crosscheck report  corpus.jsonl --format json  > /dev/null
# grep reads the plain text: over JSON Lines, where an article is one line,
# `grep -c` stops reading each article at its first trigger. MB/s are of
# article text (the size of corpus.txt) for every row, so the ratio of two
# rows' MB/s is the ratio of their wall times. Prints a Markdown table (also
# written to bench/RESULTS.md).
#
# Environment:
#   BENCH_DIR       work folder (default /tmp/crosscheck-bench)
#   BENCH_CORPORA   which corpora (default "generated realistic")
#   CROSSCHECK_BIN  binary to measure (default: target/release/crosscheck,
#                   built first with `cargo build --release`; with
#                   CARGO_TARGET_DIR set, $CARGO_TARGET_DIR/release/crosscheck)
#   GEN_BIN         corpus generator (default: built with
#                   `cargo build --release --example gen-corpus`)
#   REAL_BIN        realistic corpus builder (default: built with
#                   `cargo build --release --example real-corpus`)
#   BENCH_SEED      generators' seed (default 1)
#   BENCH_TIMEOUT   per-command limit in seconds (default 1800; 0 = none)
#                   (timeout(1) runs under time, so RSS/time include it: negligible)
#   BENCH_THREADS   passed as --threads N to crosscheck when set
#   BENCH_SPACY_MAX largest size (MB) at which spaCy's Matcher is timed too
#                   (default 100; needs `import spacy` to work, see bench/spacy/)
#   BENCH_REPEAT    runs of each command (default 1); the table keeps the
#                   fastest (wall) run and a note lists every run's wall time,
#                   so a busy shared host shows as a spread, not as a figure
#   BENCH_STAGES    size (MB) whose generated corpus examples/stages.rs times
#                   stage by stage (default: the largest size; 0 = skip):
#                   where extract's time goes, next to the regex crate doing
#                   grep's jobs on the same bytes (best of BENCH_REPEAT)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BENCH_DIR="${BENCH_DIR:-/tmp/crosscheck-bench}"
BENCH_SEED="${BENCH_SEED:-1}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
BENCH_REPEAT="${BENCH_REPEAT:-1}"
BENCH_SPACY_MAX="${BENCH_SPACY_MAX:-100}"
BENCH_CORPORA="${BENCH_CORPORA:-generated realistic}"
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
REAL_BIN_SET="${REAL_BIN:-}"
if [[ -z "${REAL_BIN:-}" ]]; then
    log "building the realistic corpus builder (cargo build --release --example real-corpus)..."
    cargo build --release --quiet --example real-corpus
    REAL_BIN="$TARGET/release/examples/real-corpus"
fi
[[ -x "$BIN" ]] || { log "no crosscheck binary at $BIN"; exit 2; }
[[ -x "$GEN_BIN" ]] || { log "no generator at $GEN_BIN"; exit 2; }
[[ -x "$REAL_BIN" ]] || { log "no realistic corpus builder at $REAL_BIN"; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
GEN_BIN="$(cd "$(dirname "$GEN_BIN")" && pwd)/$(basename "$GEN_BIN")"
REAL_BIN="$(cd "$(dirname "$REAL_BIN")" && pwd)/$(basename "$REAL_BIN")"
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
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" && -f "$dir/corpus.txt" ]]; then
        log "reusing $dir"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    local args=(--mb "$size" --out "$dir" --seed "$BENCH_SEED")
    [[ $files == 1 ]] || args+=(--no-files)
    log "generating ${size} MB into $dir..."
    "$GEN_BIN" "${args[@]}" 2>&1 | sed 's/^/  /' >&2
    "$REAL_BIN" --paragraphs-of "$dir/corpus.jsonl" "$dir/corpus.txt"
    printf '%s' "$stamp" >"$dir/.stamp"
}

# generate_real SIZE: the realistic corpus in $BENCH_DIR/real-<size>mb,
# reused when the stamp (builder and source files' checksums, arguments)
# matches.
generate_real() {
    local size=$1 dir="$BENCH_DIR/real-${1}mb"
    local stamp sources
    sources=$(cat ../shared/corpus/seeds/* examples/karabakh/* tests/corpus/varied/*.md \
        tests/corpus/phrasebook/*.yaml | cksum | cut -d' ' -f1)
    stamp="$(cksum <"$REAL_BIN" | cut -d' ' -f1) sources=$sources mb=$size seed=$BENCH_SEED"
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" && -f "$dir/corpus.txt" ]]; then
        log "reusing $dir"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    log "building the realistic ${size} MB corpus into $dir..."
    "$REAL_BIN" --mb "$size" --out "$dir" --seed "$BENCH_SEED" 2>&1 | sed 's/^/  /' >&2
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
vs_grep() { awk -v s="$1" -v g="$2" 'BEGIN { if (g + 0 > 0) printf "1/%.1f", s / g; else printf "—" }'; }

# bench_corpus CORPUS SIZE DIR: every row for one corpus.
bench_corpus() {
    local corpus_name=$1 size=$2 dir=$3
    local corpus="$dir/corpus.jsonl" text="$dir/corpus.txt"
    local bytes mb articles paragraphs
    bytes=$(stat -c %s "$text")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    articles=$(wc -l <"$corpus")
    paragraphs=$(wc -l <"$text")
    local input="$corpus" input_label="corpus.jsonl"
    if ! jsonl_supported "$corpus"; then
        local msg="$corpus_name $size: \`crosscheck extract corpus.jsonl\` failed or read nothing; falling back to the files/ folder (same articles as .md files)"
        log "NOTE: $msg"
        NOTES+=("$msg")
        [[ -d "$dir/files" ]] || generate "$size" 1
        input="$dir/files"
        input_label="files/"
    fi
    log "$corpus_name $size MB ($mb MB of text, $articles articles, $paragraphs paragraphs), input $input_label:"
    local row="| $corpus_name | $size"

    # Claims, counted once, separately from the timed runs.
    log "  counting claims (extract | wc -l)"
    local claims
    claims=$(timeout "$BENCH_TIMEOUT" "$BIN" extract "$input" --format jsonl "${THREAD_ARGS[@]}" 2>/dev/null | wc -l) || true

    best "grep" "$BENCH_DIR/grep.out" env LC_ALL=C grep -cE "$TRIGGERS" "$text"
    local grep_secs=$SECS
    ROWS+=("$row | \`LC_ALL=C grep -cE '<52 trigger words>' corpus.txt\` | $SECS | $CPU | $(fmt "$mb" "$SECS" "%.1f") | $(fmt "$articles" "$SECS" "%.0f") | — | $RSS_MB | 1 |")
    [[ $BENCH_REPEAT -gt 1 ]] && NOTES+=("$corpus_name $size, grep -c: wall s of the $BENCH_REPEAT runs: ${RUNS[*]}")
    local with_trigger
    with_trigger=$(cat "$BENCH_DIR/grep.out")
    best "grep -o" "$BENCH_DIR/grep-o.out" env LC_ALL=C grep -oE "$TRIGGERS" "$text"
    ROWS+=("$row | \`LC_ALL=C grep -oE '<52 trigger words>' corpus.txt\` (every trigger) | $SECS | $CPU | $(fmt "$mb" "$SECS" "%.1f") | $(fmt "$articles" "$SECS" "%.0f") | — | $RSS_MB | $(vs_grep "$SECS" "$grep_secs") |")
    NOTES+=("$corpus_name $size: grep -oE finds $(wc -l <"$BENCH_DIR/grep-o.out") triggers; $with_trigger of the $paragraphs paragraphs ($(fmt "$((with_trigger * 100))" "$paragraphs" "%.0f") %) hold one")

    # spaCy's rule Matcher over the same articles, in the same run
    # (bench/spacy/; start-up not timed), when spaCy is installed and the
    # size is small enough: it reads about 3 MB/s.
    local spacy_mbps=""
    if [[ $(awk -v s="$size" -v m="$BENCH_SPACY_MAX" 'BEGIN { print (s <= m) }') == 1 ]] \
        && python3 -c 'import spacy' 2>/dev/null; then
        best "spacy" "$BENCH_DIR/spacy.out" python3 "$ROOT/bench/spacy/matcher.py" "$corpus"
        if [[ $STATUS == 0 ]]; then
            local spacy_secs
            spacy_secs=$(awk '/^seconds/ { print $2 }' "$BENCH_DIR/spacy.out")
            spacy_mbps=$(fmt "$mb" "$spacy_secs" "%.2f")
            ROWS+=("$row | \`python3 bench/spacy/matcher.py corpus.jsonl\` (spaCy $(python3 -c 'import spacy; print(spacy.__version__)') Matcher, start-up not timed) | $spacy_secs | $CPU | $spacy_mbps | $(fmt "$articles" "$spacy_secs" "%.0f") | — | $RSS_MB | $(vs_grep "$spacy_secs" "$grep_secs") |")
        fi
    elif [[ $size == "${SIZES[0]}" ]]; then
        NOTES+=("spaCy row skipped: python3 cannot import spacy, or the size is over BENCH_SPACY_MAX=$BENCH_SPACY_MAX MB")
    fi

    local cmd fmtarg label mbps
    for cmd in extract report; do
        fmtarg=jsonl
        [[ $cmd == report ]] && fmtarg=json
        best "$cmd" /dev/null "$BIN" "$cmd" "$input" --format "$fmtarg" "${THREAD_ARGS[@]}"
        [[ $BENCH_REPEAT -gt 1 ]] && NOTES+=("$corpus_name $size, $cmd: wall s of the $BENCH_REPEAT runs: ${RUNS[*]}")
        label="\`crosscheck $cmd $input_label --format $fmtarg\`"
        if [[ $STATUS == 124 ]]; then
            ROWS+=("$row | $label | >$BENCH_TIMEOUT (timeout) | $CPU | — | — | — | $RSS_MB | — |")
        elif [[ $STATUS != 0 ]]; then
            ROWS+=("$row | $label | failed (exit $STATUS) | $CPU | — | — | — | $RSS_MB | — |")
        else
            mbps=$(fmt "$mb" "$SECS" "%.2f")
            ROWS+=("$row | $label | $SECS | $CPU | $mbps | $(fmt "$articles" "$SECS" "%.0f") | $(fmt "$claims" "$SECS" "%.0f") | $RSS_MB | $(vs_grep "$SECS" "$grep_secs") |")
            if [[ $cmd == extract && -n $spacy_mbps ]]; then
                NOTES+=("$corpus_name $size: extract runs at $(fmt "$mbps" "$spacy_mbps" "%.1f") times spaCy's Matcher's MB/s in this run")
            fi
        fi
    done
    log "  $claims claims, $articles articles"
    NOTES+=("$corpus_name $size: $(fmt "$(stat -c %s "$corpus")" 1e6 "%.1f") MB of JSON Lines, $mb MB of text in $paragraphs paragraphs, $articles articles, $claims claims (extract | wc -l): $(fmt "$claims" "$((bytes / 1000))" "%.2f") claims per KB of text")
}

for size in "${SIZES[@]}"; do
    for corpus_name in $BENCH_CORPORA; do
        case $corpus_name in
        generated)
            files=0
            [[ $(awk -v s="$size" 'BEGIN { print (s <= 100) }') == 1 ]] && files=1
            generate "$size" "$files"
            bench_corpus generated "$size" "$BENCH_DIR/${size}mb"
            ;;
        realistic)
            generate_real "$size"
            bench_corpus realistic "$size" "$BENCH_DIR/real-${size}mb"
            ;;
        *)
            log "unknown corpus $corpus_name in BENCH_CORPORA (generated, realistic)"
            exit 2
            ;;
        esac
    done
done

# ---------------------------------------------------------------- stages
STAGES_SIZE="${BENCH_STAGES:-${SIZES[-1]}}"
STAGES=""
if [[ $STAGES_SIZE != 0 && -f "$BENCH_DIR/${STAGES_SIZE}mb/corpus.jsonl" ]]; then
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
[[ -n "${REAL_BIN_SET:-}" ]] && REGEN="REAL_BIN=$REAL_BIN $REGEN"
[[ $BENCH_CORPORA != "generated realistic" ]] && REGEN="BENCH_CORPORA='$BENCH_CORPORA' $REGEN"
[[ -n "${CARGO_TARGET_DIR:-}" && -z "${CROSSCHECK_BIN:-}" ]] && REGEN="CARGO_TARGET_DIR=$CARGO_TARGET_DIR $REGEN"
TABLE=$(
    echo "Machine: $MACHINE (load average at start: $LOAD_START)"
    echo
    echo "| corpus | size MB | command | wall s | CPU s | text MB/s | articles/s | claims/s | peak RSS MB | MB/s vs grep -c |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    for n in "${NOTES[@]}"; do echo "- $n"; done
    echo "- binary: $BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no git")); generator seed $BENCH_SEED; fastest of $BENCH_REPEAT run(s); wall time from the clock; CPU (user+sys) and peak RSS from /usr/bin/time -v; text MB/s (MB of article text, the size of corpus.txt; the same for every row of a corpus), articles/s and claims/s are per wall second"
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
