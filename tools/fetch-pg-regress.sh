#!/usr/bin/env bash
# Fetches PostgreSQL 15's regression scripts (src/test/regress/sql and data) from Debian
# bookworm's postgresql-15 source package — the PostgreSQL 15 that Debian 12 ships — into
# .cache/pg-regress/<version>/ (git-ignored), checking the orig tarball's sha256.
# Sources, in order: `apt-get source --download-only` with a private apt state (bookworm deb-src,
# the system's apt configuration untouched), the Debian pool URL, ../shared/deps/.
# Idempotent: prints the directory and does nothing else when it is already unpacked.
# Usage: tools/fetch-pg-regress.sh   (prints the directory holding sql/ and data/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PG_VER=15.18
DEB_VER=15.18-0+deb12u1
TAR=postgresql-15_${PG_VER}.orig.tar.bz2
TAR_SHA=11df0df97fe3ea4ba9a791faaf39cee1d2fe571e78885b5b55d8517d27c323b4
base="$root/.cache/pg-regress"
dest="$base/$PG_VER"
if [ -f "$dest/.ok" ]; then echo "$dest"; exit 0; fi

sha_ok() { echo "$2  $1" | sha256sum -c --status 2>/dev/null; }
dl="$base/dl"; mkdir -p "$dl"
tarball="$dl/$TAR"
if ! sha_ok "$tarball" "$TAR_SHA"; then
  st="$dl/apt"; mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/etc"
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  key=$(awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  uri=${uri:-http://deb.debian.org/debian}; key=${key:-/usr/share/keyrings/debian-archive-keyring.gpg}
  echo "deb-src [signed-by=$key] $uri bookworm main" >"$st/etc/sources.list"
  opts=(-o Dir::Etc::SourceList="$st/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" -o APT::Sandbox::User=root)
  ( cd "$dl" && apt-get "${opts[@]}" update -qq >/dev/null 2>&1 &&
    apt-get "${opts[@]}" source --download-only "postgresql-15=$DEB_VER" >/dev/null 2>&1 ) || true
  if ! sha_ok "$tarball" "$TAR_SHA"; then
    curl -fsSL -o "$tarball.part" "$uri/pool/main/p/postgresql-15/$TAR" 2>/dev/null &&
      mv "$tarball.part" "$tarball" || rm -f "$tarball.part"
  fi
  if ! sha_ok "$tarball" "$TAR_SHA" && [ -f "$root/../shared/deps/$TAR" ]; then
    cp "$root/../shared/deps/$TAR" "$tarball"
  fi
  sha_ok "$tarball" "$TAR_SHA" || { echo "fetch-pg-regress: $TAR missing or sha256 mismatch" >&2; exit 1; }
  rm -f "$dl"/*.dsc "$dl"/*.debian.tar.xz
fi
if ! command -v bzip2 >/dev/null; then  # tar -j needs it; not in every minimal Debian 12
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends bzip2 >/dev/null ||
    { echo "fetch-pg-regress: bzip2 is missing and could not be installed" >&2; exit 1; }
fi
rm -rf "$dest" "$dest.part"; mkdir -p "$dest.part"
tar -xjf "$tarball" -C "$dest.part" --strip-components=4 \
  "postgresql-$PG_VER/src/test/regress/sql" "postgresql-$PG_VER/src/test/regress/data" \
  "postgresql-$PG_VER/src/test/regress/parallel_schedule"
mv "$dest.part" "$dest"
touch "$dest/.ok"
echo "$dest"
