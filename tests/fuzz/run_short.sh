#!/usr/bin/env bash
# run_short.sh — builds and runs Dossier's libFuzzer targets in a clang tree of
# their own, BUILD_DIR/fuzz (the main build uses g++; the targets need clang's
# -fsanitize=fuzzer,address,undefined, and every library instrumented).
#
#   tests/fuzz/run_short.sh BUILD_DIR build              configure BUILD_DIR/fuzz, build the targets (-j2)
#   tests/fuzz/run_short.sh BUILD_DIR run TARGET SECONDS [--keep-corpus]
#                                                        replay the regressions, then fuzz TARGET
#                                                        (html, warc or query) for SECONDS
#
# A run replays tests/fuzz/regressions/TARGET first, then fuzzes from the seeds
# (corpus/, tests/data/, tests/fuzz/seeds/); with --keep-corpus (bench/fuzz.sh)
# also from the corpus earlier long runs grew in BUILD_DIR/fuzz/corpus/TARGET,
# and it keeps what it finds there (a short run starts from the seeds alone:
# replaying a grown corpus would take all of its time). It prints one line:
#   fuzz_TARGET: N executions in S s (R/s), corpus C inputs, crashes: K
# and exits 1 when it found a crash; the input is kept under
# BUILD_DIR/fuzz/artifacts/TARGET/ — fix the bug, then copy the input into
# tests/fuzz/regressions/TARGET/ so that ctest replays it from then on.
set -euo pipefail

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
build_dir=$(cd "$1" && pwd)
verb=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
tree=$build_dir/fuzz
targets=(html warc query)

build() {
  command -v clang++ >/dev/null || { echo "run_short.sh: clang++ is not installed" >&2; exit 2; }
  local flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  if [ ! -f "$tree/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$src" -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DDOSSIER_FUZZ=ON -DDOSSIER_TESTS=ON "-DCMAKE_CXX_FLAGS=$flags" >"$tree.configure.log" 2>&1 ||
      { cat "$tree.configure.log" >&2; exit 2; }
  fi
  local start=$SECONDS
  cmake --build "$tree" -j2 --target "${targets[@]/#/fuzz_}" >"$tree.build.log" 2>&1 ||
    { tail -50 "$tree.build.log" >&2; exit 2; }
  echo "run_short.sh: fuzz targets built in $tree ($((SECONDS - start)) s)"
}

# The seed folders of each target.
seeds() {
  case "$1" in
    html) echo "$src/corpus/mirror $src/tests/data/realpages $src/tests/data/charset" ;;
    warc) echo "$src/tests/data/warc $src/corpus/warc" ;;
    query) echo "$src/tests/fuzz/seeds/query" ;;
  esac
}

max_len() {  # TARGET KEEP: long runs may grow larger inputs
  case "$1" in
    html) [ "$2" = 1 ] && echo 262144 || echo 65536 ;;
    warc) echo 131072 ;;
    query) echo 1025 ;;
  esac
}

run() {
  local t=$1 seconds=$2 keep=$3
  local bin=$tree/tests/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "run_short.sh: $bin is not built (run: $0 $build_dir build)" >&2; exit 2; }
  local corpus=$tree/corpus/$t artifacts=$tree/artifacts/$t logs=$tree/logs
  if [ "$keep" != 1 ]; then
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/dossier-fuzz-$t.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    corpus=$scratch
  fi
  mkdir -p "$corpus" "$artifacts" "$logs"
  local log=$logs/$t.log
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

  # 1. The regression inputs, once each, under the sanitizers.
  local regressions=()
  while IFS= read -r -d '' f; do regressions+=("$f"); done < <(
    find "$src/tests/fuzz/regressions/$t" -type f ! -name 'README*' ! -name '.*' -print0 2>/dev/null | sort -z)
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$bin" -rss_limit_mb=4096 "${regressions[@]}" >"$logs/$t.regressions.log" 2>&1; then
      echo "fuzz_$t: a regression input crashes again:" >&2
      tail -40 "$logs/$t.regressions.log" >&2
      exit 1
    fi
  fi

  # 2. Fuzzing.
  local before
  before=$(find "$artifacts" -type f | wc -l)
  local seed_dirs
  read -r -a seed_dirs <<<"$(seeds "$t")"
  local status=0
  "$bin" "$corpus" "${seed_dirs[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$t" "$keep")" -dict="$src/tests/fuzz/$t.dict" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  local after
  after=$(find "$artifacts" -type f | wc -l)
  local runs rate inputs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  inputs=$(find "$corpus" -type f | wc -l)
  local crashes=$((after - before))
  echo "fuzz_$t: ${runs:-?} executions in $seconds s (${rate:-?}/s), corpus $inputs inputs," \
       "${#regressions[@]} regression inputs replayed, crashes: $crashes"
  if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    echo "fuzz_$t: libFuzzer exited $status; see $log" >&2
    grep -E "ERROR|SUMMARY|deadly|Test unit written|runtime error" "$log" | head -20 >&2 || true
    exit 1
  fi
}

case "$verb" in
  build) build ;;
  run)
    [ $# -eq 4 ] || [ $# -eq 5 ] || usage
    keep=0
    if [ $# -eq 5 ]; then [ "$5" = --keep-corpus ] && keep=1 || usage; fi
    run "$3" "$4" "$keep"
    ;;
  *) usage ;;
esac
