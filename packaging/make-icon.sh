#!/bin/sh
# The Windows icon (packaging/resources/icon.ico) from the one drawing, packaging/resources/icon.svg, offline with
# Debian's own tools: `apt-get install icoutils librsvg2-bin`. 16–128 px as 32-bit bitmaps, 256 px as PNG (what
# Windows and NSIS read); run again after changing icon.svg and commit both (docs/packaging.md §3).
set -eu
here=$(dirname "$0")/resources
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256; do
  rsvg-convert --width "$size" --height "$size" "$here/icon.svg" --output "$tmp/icon-$size.png"
done
icotool --create --output "$here/icon.ico" \
  "$tmp/icon-16.png" "$tmp/icon-24.png" "$tmp/icon-32.png" "$tmp/icon-48.png" "$tmp/icon-64.png" "$tmp/icon-128.png" \
  --raw="$tmp/icon-256.png"
icotool --list "$here/icon.ico"
