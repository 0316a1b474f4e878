# Shell helpers shared by the packaging scripts (sourced, not run).

# install_missing PKG…: installs the Debian packages that are not installed yet, as root
# or through sudo, so every script works on a fresh Debian 12 machine.
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

# need_go puts Go on PATH (the official tarball lives in /usr/local/go) or says where to get it.
need_go() {
  if ! command -v go >/dev/null; then
    [ -x /usr/local/go/bin/go ] && export PATH=/usr/local/go/bin:$PATH
  fi
  command -v go >/dev/null || { echo "需要 Go 1.26：https://go.dev/dl/ / Go 1.26 is required" >&2; exit 1; }
  export CGO_ENABLED=1
}

# Debian packages to build the Linux GUI (Fyne needs cgo and these headers).
build_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libxext-dev libwayland-dev libxkbcommon-dev)
