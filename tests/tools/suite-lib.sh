# Shared steps of the test suites that need the WASM module or pinned npm packages; sourced by
# tests/suites/*.sh after they set $root and cd there. Each function prints a FAIL: line named
# after the calling suite and returns non-zero on failure, so a suite can `|| exit 1`.

export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn

# wasm_build NAME [TARGET]: configures build-wasm/ once (emcmake) and builds it incrementally
# (all targets, or TARGET). Logs in /tmp/pgmicro-NAME-{configure,build}.log.
wasm_build() {
  local name=$1 target=${2:-} b=build-wasm
  if [ ! -f $b/CMakeCache.txt ]; then
    emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
      >/tmp/pgmicro-$name-configure.log 2>&1 || {
        tail -30 /tmp/pgmicro-$name-configure.log; echo "FAIL: $name/build"; return 1; }
  fi
  if ! cmake --build $b -j"$(nproc)" ${target:+--target $target} >/tmp/pgmicro-$name-build.log 2>&1; then
    grep -E "error|Error" /tmp/pgmicro-$name-build.log | head -30
    echo "FAIL: $name/build (log: /tmp/pgmicro-$name-build.log)"; return 1
  fi
}

# wasm_package NAME [TARGET]: wasm_build, then js/build.sh copies the module into js/.
wasm_package() {
  wasm_build "$@" || return 1
  bash js/build.sh >/dev/null || { echo "FAIL: $1/package"; return 1; }
}

# need_package NAME: js/pgmicro.{wasm,mjs} must exist (copied from build-wasm/ when built there).
need_package() {
  [ -f js/pgmicro.wasm ] || { [ -f build-wasm/wasm/pgmicro.wasm ] && bash js/build.sh >/dev/null; }
  [ -f js/pgmicro.wasm ] || { echo "FAIL: $1/setup — js/pgmicro.wasm is missing (run tests/suites/35-js.sh)"; return 1; }
}

# need_sqlite3: Debian's sqlite3 command-line shell (files made by it are part of several tests).
need_sqlite3() {
  command -v sqlite3 >/dev/null ||
    apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends sqlite3 >/dev/null
}

# npm_pinned NAME DIR PACKAGE_JSON: installs the dependencies pinned in PACKAGE_JSON into
# DIR/node_modules from the npm registry (DIR is git-ignored), only when an installed version
# differs from its pin.
npm_pinned() {
  local name=$1 dir=$2 pkg=$3 start
  mkdir -p "$dir"
  if node -e '
    const want = require(process.argv[1]).dependencies;
    for (const [n, v] of Object.entries(want)) {
      let got; try { got = require(process.argv[2] + "/node_modules/" + n + "/package.json").version; } catch {}
      if (got !== v) process.exit(1);
    }' "$root/$pkg" "$root/$dir"; then
    return 0
  fi
  start=$(date +%s)
  cp "$pkg" "$dir/package.json"
  if (cd "$dir" && timeout 900 npm install --no-audit --no-fund --no-package-lock --silent >/tmp/pgmicro-$name-npm.log 2>&1); then
    echo "$name: npm packages installed in $(( $(date +%s) - start ))s ($(du -sh "$dir/node_modules" | cut -f1))"
  else
    tail -20 /tmp/pgmicro-$name-npm.log
    echo "FAIL: $name/setup — npm install (log: /tmp/pgmicro-$name-npm.log)"; return 1
  fi
}
