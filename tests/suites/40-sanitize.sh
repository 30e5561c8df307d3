#!/usr/bin/env bash
# Sanitizers: builds build-asan/ (g++, -DPGMICRO_SANITIZE=ON: ASan + UBSan, halting on the
# first report; incremental), runs the unit tests there, then every tests/sql/*.sql through
# the sanitized shell on a fresh in-memory database. Query output is ignored: only sanitizer
# reports, crashes (signals) and hangs fail.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
b=build-asan
if [ ! -f $b/CMakeCache.txt ]; then
  CC=gcc CXX=g++ cmake -S . -B $b -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPGMICRO_SANITIZE=ON \
    >/tmp/pgmicro-asan-configure.log 2>&1 || { tail -30 /tmp/pgmicro-asan-configure.log; echo "FAIL: asan/build"; exit 1; }
fi
start=$(date +%s)
if cmake --build $b -j"$(nproc)" >/tmp/pgmicro-asan-build.log 2>&1; then
  echo "PASS: asan/build ($(( $(date +%s) - start ))s)"
else
  grep -E "error|Error" /tmp/pgmicro-asan-build.log | head -30
  echo "FAIL: asan/build (log: /tmp/pgmicro-asan-build.log)"; exit 1
fi

# exitcode=86 tells a sanitizer abort apart from the shell's own exit status.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:exitcode=86:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
log=/tmp/pgmicro-asan-ctest.log
( cd $b && ctest -j"$(nproc)" --output-on-failure --timeout 300 ) >$log 2>&1
total=$(grep -cE "Test +#[0-9]+:" $log)
bad=$(grep -E "Test +#[0-9]+:" $log | grep -vE "Passed" | sed -E 's/.*Test +#[0-9]+: ([^ ]+) .*/\1/')
if [ "$total" -gt 0 ] && [ -z "$bad" ]; then
  echo "PASS: asan/unit ($total tests)"
else
  for t in $bad; do echo "FAIL: asan/unit/$t"; done
  [ "$total" -eq 0 ] && echo "FAIL: asan/unit (no tests ran)"
  grep -E -A30 "ERROR: (Address|Leak)Sanitizer|runtime error:" $log | head -60
fi

shell=$b/tools/shell/pgmicro
shopt -s nullglob
for f in tests/sql/*.sql; do
  name=$(basename "$f" .sql)
  err=/tmp/pgmicro-asan-sql-$name.err
  timeout 300 "$shell" <"$f" >/dev/null 2>"$err"; rc=$?
  if [ $rc -eq 86 ] || [ $rc -ge 124 ] || grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$err"; then
    echo "FAIL: asan/sql/$name (exit $rc; stderr: $err)"
    grep -E -A40 "ERROR: (Address|Leak)Sanitizer|runtime error:" "$err" | head -50
  else
    echo "PASS: asan/sql/$name"
  fi
done
