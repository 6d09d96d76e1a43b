#!/usr/bin/env bash
# Loading many rules: `rules lint` and `report` with N generated claim rules
# (copies of a default rule, each with its own id and pattern) spread over
# F files, timed with /usr/bin/time (wall seconds, peak RSS).
#
#   bench/many_rules.sh [N] [F]        # default: 2000 rules in 20 files
#
# Issue 17, row 14: lint compiled the defaults again for every file, then
# the whole set twice (2,000 rules in 20 files: 48 s). It now compiles each
# pattern once; tests/hostile.rs counts the patterns compiled.
set -euo pipefail
n=${1:-2000}
files=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CROSSCHECK_BIN:-$root/target/release/crosscheck}
dir=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-many-rules.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/rules"
per=$(( (n + files - 1) / files ))
for ((i = 0; i < n; i++)); do
  out=$(printf '%s/rules/many%04d.yaml' "$dir" $((i / per)))
  [[ -e $out ]] || printf 'lang: fr\nkind: wounded\nunit: persons\nrules:\n' > "$out"
  printf '  - id: fr.many.r%05d\n    pattern: "{quantity} (?:de )?mot%05d blesses\\\\b"\n' "$i" "$i" >> "$out"
done
printf 'Selon Bakou, au moins 29 morts ont ete recenses mardi.\n' > "$dir/a.txt"
echo "$n rules in $files files, $(du -sk "$dir/rules" | cut -f1) KB"
/usr/bin/time -o "$dir/t" -f "rules lint: %e s %M KB" "$bin" rules lint "$dir/rules" > /dev/null
cat "$dir/t"
/usr/bin/time -o "$dir/t" -f "report:     %e s %M KB" "$bin" report --rules "$dir/rules" "$dir/a.txt" > /dev/null
cat "$dir/t"
