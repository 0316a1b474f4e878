#!/usr/bin/env bash
# LawDesk for developers: the two README commands.
#
#   packaging/dev.sh run [--data DIR]   install what is missing, build, start LawDesk
#   packaging/dev.sh test               install what is missing, go vet, the whole test suite
#                                       (then again under the race detector)
#
# On a fresh Debian 12 machine with Go 1.26 this is all the set-up there is: the Debian
# packages Fyne (cgo, OpenGL, X11/Wayland) and the tests (ffmpeg, poppler-utils, Xvfb, zbar)
# need are installed with apt when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

. packaging/lib.sh # install_missing, need_go, build_pkgs

# Packages to run the tests.
test_pkgs=(poppler-utils ffmpeg xvfb xdotool x11-utils zbar-tools)

case "${1:-}" in
  run)
    shift
    need_go
    install_missing "${build_pkgs[@]}"
    mkdir -p bin
    packaging/build.sh linux-binary bin/lawdesk
    exec bin/lawdesk "$@"
    ;;
  test)
    need_go
    install_missing "${build_pkgs[@]}" "${test_pkgs[@]}"
    go mod download
    go vet ./...
    # the whole suite, then every package again under the race detector; -short leaves out
    # of the second pass only the tests that build whole offices (the power-cut harness,
    # generated counties), which the first pass ran and which take many minutes under -race
    go test -count=1 -timeout 30m ./...
    go test -race -short -count=1 -timeout 60m ./...
    ;;
  *)
    sed -n '2,9p' "$0"
    exit 2
    ;;
esac
