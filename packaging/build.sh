#!/usr/bin/env bash
# Builds LawDesk with the name, ID, version and icon of FyneApp.toml, the single source
# of them for every package.
#
#   packaging/build.sh linux-binary OUT    the lawdesk binary for this Linux machine
set -euo pipefail
cd "$(dirname "$0")/.."

# toml_get KEY: the value of KEY in FyneApp.toml's [Details] table.
toml_get() {
  awk -v key="$1" '
    /^\[/ { in_details = ($0 ~ /^\[Details\]/) }
    in_details && $1 == key { sub(/^[^=]*=[ \t]*/, ""); gsub(/"/, ""); print; exit }
  ' FyneApp.toml
}

VERSION=$(toml_get Version)
BUILD=$(toml_get Build)
APP_ID=$(toml_get ID)
[ -n "$VERSION" ] && [ -n "$APP_ID" ] || { echo "FyneApp.toml: Version or ID missing" >&2; exit 1; }
LDFLAGS="-X main.version=${VERSION}"

case "${1:-}" in
  linux-binary)
    out=${2:?usage: build.sh linux-binary OUT}
    CGO_ENABLED=1 go build -ldflags "$LDFLAGS" -o "$out" ./app
    echo "built $out (LawDesk $VERSION build $BUILD, $APP_ID)" >&2
    ;;
  *)
    sed -n '2,6p' "$0"
    exit 2
    ;;
esac
