#!/usr/bin/env bash
# Open-ended fuzzing, for developers (not a CI gate): the fuzz_session target of build-fuzz/
# (build it first with tests/suites/50-fuzz.sh) over the persistent corpus build-fuzz/corpus,
# a random seed and a time budget. Reproducers land in build-fuzz/explore-artifacts/; fix
# the bug, then copy the reproducer into tests/fuzz/regressions/ so the gate replays it.
# Usage: tools/fuzz-explore.sh [SECONDS]   (default 300)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
secs=${1:-300}
b=build-fuzz
[ -x $b/tests/fuzz/fuzz_session ] || { echo "build first: bash tests/suites/50-fuzz.sh"; exit 2; }
mkdir -p $b/corpus $b/explore-artifacts
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
exec $b/tests/fuzz/fuzz_session $b/corpus $b/seeds -dict=tests/fuzz/sql.dict -max_len=2048 \
  -max_total_time="$secs" -entropic=0 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$root/$b/explore-artifacts/"
