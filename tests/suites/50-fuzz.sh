#!/usr/bin/env bash
# Fuzzing: builds build-fuzz/ with clang (-DPGMICRO_FUZZ=ON: libFuzzer + ASan + UBSan on
# every target; incremental), builds a seed corpus from tests/sql/*.sql and
# tests/fuzz/seeds.sql (statements split on ';'), then fuzzes fuzz_session for
# PGMICRO_FUZZ_SECONDS (default 20; .ci/run sets 120) with -max_len=2048 and the SQL dictionary
# tests/fuzz/sql.dict. The working corpus build-fuzz/corpus persists between runs.
# A crash, sanitizer report, hang (>10 s per input) or OOM fails with the reproducer's path.
# -entropic=0: with ~300k instrumented edges the entropic schedule spent 82 % of the time in
# InputCorpus::UpdateFeatureFrequency (measured: 150 vs 1150 exec/s, and more coverage).
# Replay: PGMICRO_FUZZ_REUSE=1 build-fuzz/tests/fuzz/fuzz_session ARTIFACT
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
secs=${PGMICRO_FUZZ_SECONDS:-20}
b=build-fuzz
if [ ! -f $b/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B $b -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPGMICRO_FUZZ=ON \
    >/tmp/pgmicro-fuzz-configure.log 2>&1 || { tail -30 /tmp/pgmicro-fuzz-configure.log; echo "FAIL: fuzz/build"; exit 1; }
fi
start=$(date +%s)
if cmake --build $b -j"$(nproc)" --target fuzz_session >/tmp/pgmicro-fuzz-build.log 2>&1; then
  echo "PASS: fuzz/build ($(( $(date +%s) - start ))s)"
else
  grep -E "error|Error" /tmp/pgmicro-fuzz-build.log | head -30
  echo "FAIL: fuzz/build (log: /tmp/pgmicro-fuzz-build.log)"; exit 1
fi

# Seed corpus: one file per statement (psql meta-command lines dropped).
seeds=$b/seeds; rm -rf $seeds; mkdir -p $seeds $b/corpus $b/artifacts
shopt -s nullglob
for f in tests/sql/*.sql tests/fuzz/seeds.sql; do
  grep -v '^\\' "$f" | awk -v RS=';' -v dir="$seeds" -v name="$(basename "$f" .sql)" '
    { sub(/^[ \t\r\n]+/, ""); if (length($0) > 0) { n++; out = sprintf("%s/%s-%04d", dir, name, n);
      printf "%s;", $0 > out; close(out) } }'
done
echo "seeds: $(ls $seeds | wc -l) statements; corpus: $(ls $b/corpus | wc -l) inputs"

# libFuzzer sets the sanitizer options it needs (abort on error); UBSan must halt too.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
log=$b/fuzz-last.log
$b/tests/fuzz/fuzz_session $b/corpus $seeds -dict=tests/fuzz/sql.dict -max_len=2048 \
  -max_total_time="$secs" -entropic=0 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$root/$b/artifacts/" >$log 2>&1
rc=$?
execs=$(awk '/stat::number_of_executed_units/ {v=$2} END {print v}' $log)
eps=$(awk '/stat::average_exec_per_sec/ {v=$2} END {print v}' $log)
cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' $log | tail -1)
repro=$(grep -oE 'Test unit written to [^ ]+' $log | tail -1 | sed 's/Test unit written to //')
echo "fuzz: ${secs}s, ${execs:-?} execs, ${eps:-?} exec/s, $cov (log: $log)"
if [ $rc -eq 0 ] && [ -z "$repro" ]; then
  echo "PASS: fuzz/session (${execs:-?} execs, no crash)"
else
  grep -E -m1 -B2 -A40 "ERROR: |runtime error:|==[0-9]+==|deadly signal|ALARM|out-of-memory" $log | head -60
  echo "FAIL: fuzz/session (exit $rc; reproducer: ${repro:-none written, see $log})"
fi
