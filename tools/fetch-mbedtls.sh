#!/bin/sh
# Obtains the mbedTLS 2.28.3 source from Debian's source package (bookworm, 2.28.3-1) and
# extracts it to firmware-images/third_party/mbedtls-2.28.3/. Idempotent: does nothing when the
# verified tree is already there. Needs root (or an existing deb-src entry and apt lists) only
# when the source package must be downloaded.
#
# Usage: tools/fetch-mbedtls.sh            (from anywhere; paths are relative to this script)
set -eu

MBEDTLS_VERSION=2.28.3
DEBIAN_VERSION=2.28.3-1
ORIG_TARBALL="mbedtls_${MBEDTLS_VERSION}.orig.tar.gz"
# sha256 of Debian's orig tarball (identical to upstream's v2.28.3 release archive).
ORIG_SHA256=3b4953aa55a681e084d31892d9904cc5328d6b4958ea57b90ae4b4f94ae69a8d
SOURCES_FILE=/etc/apt/sources.list.d/twinboard-src.sources

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
third_party="$root/firmware-images/third_party"
dest="$third_party/mbedtls-$MBEDTLS_VERSION"
stamp="$dest/.twinboard-verified"

die() { echo "fetch-mbedtls: error: $*" >&2; exit 1; }
info() { echo "fetch-mbedtls: $*" >&2; }

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$ORIG_SHA256" ]; then
    exit 0   # already fetched, verified and extracted
fi

command -v sha256sum >/dev/null || die "sha256sum not found (install coreutils)"
command -v tar >/dev/null || die "tar not found"
mkdir -p "$third_party"

has_source() {
    apt-cache showsrc mbedtls 2>/dev/null | grep -q "^Version: $DEBIAN_VERSION\$"
}

if [ ! -f "$third_party/$ORIG_TARBALL" ]; then
    command -v apt-get >/dev/null || die "apt-get not found: this script needs Debian (bookworm)"
    if ! has_source; then
        if [ ! -f "$SOURCES_FILE" ]; then
            [ "$(id -u)" = 0 ] || die "no deb-src entry for bookworm; run as root to create $SOURCES_FILE"
            info "creating $SOURCES_FILE (deb-src for bookworm main)"
            cat > "$SOURCES_FILE" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        fi
        [ "$(id -u)" = 0 ] || die "source package lists missing; run as root (apt-get update needed)"
        info "running apt-get update to load the source package lists"
        apt-get update -q >&2 || die "apt-get update failed"
        has_source || die "Debian source package mbedtls=$DEBIAN_VERSION not found after apt-get update"
    fi
    info "downloading source package mbedtls=$DEBIAN_VERSION"
    # As root, download as root: apt's '_apt' sandbox user may not be able to write here.
    sandbox=""
    [ "$(id -u)" != 0 ] || sandbox="-o APT::Sandbox::User=root"
    # shellcheck disable=SC2086
    (cd "$third_party" && apt-get source -q $sandbox --download-only "mbedtls=$DEBIAN_VERSION" >&2) \
        || die "apt-get source --download-only mbedtls=$DEBIAN_VERSION failed"
    [ -f "$third_party/$ORIG_TARBALL" ] || die "download finished but $ORIG_TARBALL is missing"
fi

actual=$(sha256sum "$third_party/$ORIG_TARBALL" | cut -d' ' -f1)
if [ "$actual" != "$ORIG_SHA256" ]; then
    die "checksum mismatch for $ORIG_TARBALL: expected $ORIG_SHA256, got $actual (delete it and retry)"
fi

info "extracting $ORIG_TARBALL"
tmp="$third_party/.extract.$$"
rm -rf "$tmp" && mkdir -p "$tmp"
tar -xzf "$third_party/$ORIG_TARBALL" -C "$tmp" || { rm -rf "$tmp"; die "cannot extract $ORIG_TARBALL"; }
top=$(ls "$tmp")
[ "$(echo "$top" | wc -l)" = 1 ] && [ -f "$tmp/$top/include/mbedtls/version.h" ] \
    || { rm -rf "$tmp"; die "unexpected layout in $ORIG_TARBALL"; }
rm -rf "$dest"
mv "$tmp/$top" "$dest"
rmdir "$tmp"
echo "$ORIG_SHA256" > "$stamp"
info "mbedTLS $MBEDTLS_VERSION ready in $dest"
