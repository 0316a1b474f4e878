#!/usr/bin/env bash
# LawDesk for developers: the two README commands.
#
#   packaging/dev.sh run [--data DIR]   install what is missing, build, start LawDesk
#   packaging/dev.sh test               install what is missing, go vet, the whole test suite
#
# On a fresh Debian 12 machine with Go 1.26 this is all the set-up there is: the Debian
# packages Fyne (cgo, OpenGL, X11/Wayland) and the tests (ffmpeg, poppler-utils, Xvfb, zbar)
# need are installed with apt when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages to build the GUI (Fyne needs cgo and these headers) and to run the tests.
build_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libxext-dev libwayland-dev libxkbcommon-dev)
test_pkgs=(poppler-utils ffmpeg xvfb xdotool x11-utils zbar-tools)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "安装缺少的系统软件包 / installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_go() {
  if ! command -v go >/dev/null; then
    [ -x /usr/local/go/bin/go ] && export PATH=/usr/local/go/bin:$PATH
  fi
  command -v go >/dev/null || { echo "需要 Go 1.26：https://go.dev/dl/ / Go 1.26 is required" >&2; exit 1; }
  export CGO_ENABLED=1
}

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
    go test -race -count=1 -timeout 60m ./...
    ;;
  *)
    sed -n '2,9p' "$0"
    exit 2
    ;;
esac
