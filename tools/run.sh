#!/usr/bin/env bash
# The main job: installs what is missing, builds the native tree, the WASM module, the pg-micro
# package and the playground (demo/), then serves the playground on http://localhost:8080
# (PORT=… to change it). Every step is incremental: seconds when nothing changed.
# The native shell is tools/shell.sh (what this script started before the playground existed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ $# -gt 0 ]; then
  echo "tools/run.sh takes no arguments; the native shell on a file is: bash tools/shell.sh $*" >&2
  exit 2
fi
bash tools/install-packages.sh build
bash tools/build.sh
bash tools/build-playground.sh
exec node demo/serve.mjs demo/dist
