#!/usr/bin/env bash
# Fetches the two pinned C dependencies into third_party/ (git-ignored), checking sha256 sums:
#   libpg_query 17-6.1.0 from Debian trixie's libpg-query source package (fallback ../shared/deps/)
#   SQLite 3.53.2 amalgamation from the better-sqlite3@12.11.1 npm tarball.
# Idempotent: does nothing when both are already unpacked and verified.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tp="$root/third_party"; mkdir -p "$tp/dl"
PGQ_VER=17-6.1.0
PGQ_SHA=a3dc0e4084a23da35128d4e9809ff27241c29a44fde74ba40a378b33d2cdefe2
BSQ_SHA=ebf0ed75a7a59dbcb3b24bbd014ef49d9f15bc328e4adcbf516f2a8fadfa2835
SQL_SHA=60d2f39a3726cd6b9021da6f4e868608d66fbb6528a9f513dc8ffcc640493422

sha_ok() { echo "$2  $1" | sha256sum -c --status 2>/dev/null; }

# --- libpg_query -----------------------------------------------------------
pgq_tar="$tp/dl/libpg-query_${PGQ_VER}.orig.tar.gz"
if [ ! -f "$tp/libpg_query/.ok" ]; then
  if ! sha_ok "$pgq_tar" "$PGQ_SHA"; then
    st="$tp/dl/apt"; mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/etc"
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo http://deb.debian.org/debian)
    key=$(awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo /usr/share/keyrings/debian-archive-keyring.gpg)
    echo "deb-src [signed-by=$key] $uri trixie main" > "$st/etc/sources.list"
    opts=(-o Dir::Etc::SourceList="$st/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" -o APT::Sandbox::User=root)
    ( cd "$tp/dl" && apt-get "${opts[@]}" update -qq >/dev/null 2>&1 &&
      apt-get "${opts[@]}" source --download-only "libpg-query=${PGQ_VER}-1" >/dev/null 2>&1 ) || true
    if ! sha_ok "$pgq_tar" "$PGQ_SHA"; then
      echo "fetch-deps: Debian archive did not serve libpg-query $PGQ_VER; using ../shared/deps copy"
      cp "$root/../shared/deps/libpg-query_${PGQ_VER}.orig.tar.gz" "$pgq_tar"
    fi
    sha_ok "$pgq_tar" "$PGQ_SHA" || { echo "fetch-deps: libpg_query sha256 mismatch" >&2; exit 1; }
  fi
  rm -rf "$tp/libpg_query" "$tp/dl/pgq"; mkdir -p "$tp/dl/pgq"
  tar -xzf "$pgq_tar" -C "$tp/dl/pgq"
  mv "$tp/dl/pgq"/* "$tp/libpg_query"; rmdir "$tp/dl/pgq"
  touch "$tp/libpg_query/.ok"
fi

# --- SQLite amalgamation ---------------------------------------------------
if [ ! -f "$tp/sqlite/.ok" ]; then
  bsq="$tp/dl/better-sqlite3-12.11.1.tgz"
  if ! sha_ok "$bsq" "$BSQ_SHA"; then
    ( cd "$tp/dl" && npm pack better-sqlite3@12.11.1 --silent >/dev/null )
  fi
  sha_ok "$bsq" "$BSQ_SHA" || { echo "fetch-deps: better-sqlite3 tarball sha256 mismatch" >&2; exit 1; }
  rm -rf "$tp/sqlite" "$tp/dl/bsq"; mkdir -p "$tp/dl/bsq" "$tp/sqlite"
  tar -xzf "$bsq" -C "$tp/dl/bsq" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
  mv "$tp/dl/bsq/package/deps/sqlite3/sqlite3.c" "$tp/dl/bsq/package/deps/sqlite3/sqlite3.h" "$tp/sqlite/"
  rm -rf "$tp/dl/bsq"
  sha_ok "$tp/sqlite/sqlite3.c" "$SQL_SHA" || { echo "fetch-deps: sqlite3.c sha256 mismatch" >&2; exit 1; }
  touch "$tp/sqlite/.ok"
fi
