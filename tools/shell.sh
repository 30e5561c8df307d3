#!/usr/bin/env bash
# The native pgmicro shell: installs what is missing, builds, and starts the shell (in-memory
# database unless a file is given). Arguments go to the shell: tools/shell.sh app.db
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/install-packages.sh" build
bash "$root/tools/build.sh"
exec "$root/build/tools/shell/pgmicro" "$@"
