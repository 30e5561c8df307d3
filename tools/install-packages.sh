#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those that are missing.
# Usage: tools/install-packages.sh [build|test]   (test adds PostgreSQL 15, Chromium for the host tests)
set -euo pipefail
mode=${1:-build}
pkgs=(cmake g++ make tzdata libgtest-dev libedit-dev sqlite3 xz-utils ca-certificates curl nodejs npm
      emscripten clang libclang-rt-14-dev)
if [ "$mode" = test ]; then
  pkgs+=(postgresql-15 postgresql-client-15 chromium)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs may come from elsewhere (nodesource); accept any node >= 18 on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=(); for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done
if [ ${#filtered[@]} -gt 0 ]; then
  echo "installing: ${filtered[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
fi
