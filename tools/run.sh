#!/usr/bin/env bash
# The main job: installs what is missing, builds, and starts the pgmicro shell
# (in-memory database unless a file is given).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/install-packages.sh" build
bash "$root/tools/build.sh"
exec "$root/build/tools/shell/pgmicro" "$@"
