#!/usr/bin/env bash
# Builds the native tree (build/) — engine, shell, unit tests. Incremental: seconds when
# nothing changed. Usage: tools/build.sh [extra cmake -D options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/fetch-deps.sh"
if [ ! -f "$root/build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
cmake --build "$root/build" -j"$(nproc)" 2>&1 | grep -E "error|warning: unused|Error|FAILED" || true
cmake --build "$root/build" -j"$(nproc)" >/dev/null
