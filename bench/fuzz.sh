#!/usr/bin/env bash
# bench/fuzz.sh — longer fuzzing sessions of Dossier's libFuzzer targets (the
# HTML -> documents path, the WARC reader, query understanding), one after the
# other, in the clang tree BUILD_DIR/fuzz that tests/fuzz/run_short.sh builds.
#
#   bench/fuzz.sh [SECONDS] [BUILD_DIR] [TARGET...]   (defaults: 600 s each, build/, all three)
#
# Prints, per target, the executions, the time and the crashes found, then a
# table of all three. A crash leaves its input under BUILD_DIR/fuzz/artifacts/;
# fixed bugs get that input in tests/fuzz/regressions/TARGET/. The corpus each
# session grows is kept in BUILD_DIR/fuzz/corpus/ for the next one.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
build_dir=${2:-build}
shift $(($# > 2 ? 2 : $#))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html warc query)
mkdir -p "$build_dir"

tests/fuzz/run_short.sh "$build_dir" build || exit 2
declare -a lines
found=0
for t in "${targets[@]}"; do
  echo "fuzz_$t: fuzzing for $seconds s ..." >&2
  line=$(tests/fuzz/run_short.sh "$build_dir" run "$t" "$seconds" --keep-corpus)
  status=$?
  echo "$line"
  lines+=("$line")
  [ $status -eq 0 ] || found=1
done
echo
echo "target      executions  seconds  exec/s  corpus  crashes"
for line in "${lines[@]}"; do
  # fuzz_T: N executions in S s (R/s), corpus C inputs, K regression inputs replayed, crashes: X
  echo "$line" | sed -E 's/^(fuzz_[a-z]+): ([0-9?]+) executions in ([0-9]+) s \(([0-9?]+)\/s\), corpus ([0-9]+) inputs, .*crashes: ([0-9]+).*/\1 \2 \3 \4 \5 \6/' |
    awk '{ printf "%-11s %10s %8s %7s %7s %8s\n", $1, $2, $3, $4, $5, $6 }'
done
exit $found
