#!/usr/bin/env bash
# Builds LawDesk with the name, ID, version and icon of FyneApp.toml, the single source
# of them for every package.
#
#   packaging/build.sh all                 everything below into dist/ (installs the Debian packages it needs)
#   packaging/build.sh linux               dist/: lawdesk-VERSION-linux-amd64.tar.xz and lawdesk_VERSION-BUILD_amd64.deb
#   packaging/build.sh windows             dist/: lawdesk-VERSION-windows-amd64.exe and …-setup.exe (NSIS installer)
#   packaging/build.sh linux-binary OUT    the lawdesk binary for this Linux machine (development build)
#   packaging/build.sh windows-exe OUT     lawdesk.exe for Windows x64, cross-compiled with MinGW-w64
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/lib.sh

# toml_get TABLE KEY: the value of KEY in FyneApp.toml's [TABLE] (arrays as "a;b;").
toml_get() {
  awk -v table="[$1]" -v key="$2" '
    /^[ \t]*\[/ { t = $0; gsub(/[ \t]/, "", t); in_table = (t == table); next }
    in_table {
      line = $0; sub(/^[ \t]*/, "", line)
      k = line; sub(/[ \t]*=.*/, "", k)
      if (k != key) next
      sub(/^[^=]*=[ \t]*/, "", line)
      if (line ~ /^\[/) { gsub(/^\[|\][ \t]*$/, "", line); gsub(/"[ \t]*,[ \t]*"/, ";", line); gsub(/"/, "", line); line = line ";" }
      else gsub(/"/, "", line)
      print line; exit
    }
  ' FyneApp.toml
}

VERSION=$(toml_get Details Version)
BUILD=$(toml_get Details Build)
APP_ID=$(toml_get Details ID)
APP_NAME=$(toml_get Details Name)
ICON=$(toml_get Details Icon)
WEBSITE=$(awk -F'"' '/^Website/ { print $2; exit }' FyneApp.toml)
GENERIC_NAME=$(toml_get LinuxAndBSD GenericName)
COMMENT=$(toml_get LinuxAndBSD Comment)
CATEGORIES=$(toml_get LinuxAndBSD Categories)
KEYWORDS=$(toml_get LinuxAndBSD Keywords)
for v in VERSION BUILD APP_ID APP_NAME ICON; do
  [ -n "${!v}" ] || { echo "FyneApp.toml: $v missing" >&2; exit 1; }
done
[ -f "$ICON" ] || { echo "FyneApp.toml: icon $ICON not found" >&2; exit 1; }

LDFLAGS="-X main.version=${VERSION}"
# Release builds: no symbol tables (panics still print stack traces). No -trimpath: it
# would make every package compile again instead of reusing the development build cache.
RELEASE_FLAGS=(-ldflags "$LDFLAGS -s -w")
GO_WINRES=github.com/tc-hib/go-winres@v0.3.3
DIST=dist
linux_pkgs=("${build_pkgs[@]}" dpkg-dev xz-utils imagemagick
  libegl1 libwayland-cursor0 libwayland-egl1 libxkbcommon0)
# Libraries Fyne's GLFW opens with dlopen when it creates the window, so ldd and
# dpkg-shlibdeps cannot see them: X11 on every desktop, and Wayland for Debian 12's default
# GNOME session (where GLFW does not fall back to X11). packaging/test.sh checks the binary
# still names each of them.
glfw_dlopened=(libX11.so.6 libXcursor.so.1 libXrandr.so.2 libXinerama.so.1 libXi.so.6
  libXxf86vm.so.1 libXext.so.6 libXrender.so.1
  libwayland-cursor.so.0 libwayland-egl.so.1 libxkbcommon.so.0 libEGL.so.1)
windows_pkgs=(gcc-mingw-w64-x86-64 nsis imagemagick)

staging=""
cleanup() {
  rm -f app/rsrc_windows_amd64.syso
  [ -z "$staging" ] || rm -rf "$staging"
}
trap cleanup EXIT
new_staging() { staging=$(mktemp -d); }

# desktop_entry EXEC: the freedesktop.org entry for the application menu. On X11, GLFW sets
# the window's WM_CLASS to its title (ui.WindowTitle), which StartupWMClass must match for
# the dock to show the window under this entry (packaging/test.sh checks it); on Wayland
# Fyne uses the app ID, the entry's file name.
desktop_entry() {
  cat <<EOF
[Desktop Entry]
Type=Application
Name=$APP_NAME
GenericName=$GENERIC_NAME
Comment=$COMMENT
Exec=$1
Icon=$APP_ID
Terminal=false
Categories=$CATEGORIES
Keywords=$KEYWORDS
StartupWMClass=$APP_NAME · LawDesk
EOF
}

# install_icons ROOT: the icon in the sizes desktops look for, under ROOT/share/icons.
install_icons() {
  for size in 512 256 128 64 48; do
    local dir="$1/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    if [ "$size" = 512 ]; then
      cp "$ICON" "$dir/$APP_ID.png"
    else
      convert "$ICON" -resize "${size}x${size}" -depth 8 "$dir/$APP_ID.png"
    fi
  done
}

linux_release_binary() {
  CGO_ENABLED=1 go build "${RELEASE_FLAGS[@]}" -o "$1" ./app
}

windows_exe() {
  local out=$1
  command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "需要 gcc-mingw-w64-x86-64 / install gcc-mingw-w64-x86-64" >&2; exit 1; }
  # Icon, version information and the GUI manifest, linked in by go build as a .syso.
  go run "$GO_WINRES" simply --arch amd64 --out app/rsrc --manifest gui \
    --icon "$ICON" \
    --product-name "$APP_NAME" --file-description "$APP_NAME (LawDesk)" \
    --product-version "$VERSION.$BUILD" --file-version "$VERSION.$BUILD" \
    --copyright "AGPL-3.0-or-later" --original-filename lawdesk.exe
  # -H windowsgui: a GUI program, no console window behind it.
  GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
    go build -ldflags "$LDFLAGS -s -w -H windowsgui" -o "$out" ./app
  rm -f app/rsrc_windows_amd64.syso
  echo "built $out (LawDesk $VERSION build $BUILD for Windows x64)" >&2
}

build_linux() {
  install_missing "${linux_pkgs[@]}"
  mkdir -p "$DIST"
  new_staging
  local bin="$staging/lawdesk"
  linux_release_binary "$bin"

  # .tar.xz: run ./lawdesk in place, or ./install.sh (system-wide as root, else for this user).
  local name="lawdesk-$VERSION-linux-amd64"
  local tdir="$staging/tar/$name"
  mkdir -p "$tdir"
  cp "$bin" "$tdir/lawdesk"
  cp LICENSE "$tdir/LICENSE"
  desktop_entry lawdesk >"$tdir/$APP_ID.desktop"
  install_icons "$tdir"
  sed -e "s/@APP_ID@/$APP_ID/g" -e "s/@VERSION@/$VERSION/g" packaging/linux/install.sh >"$tdir/install.sh"
  chmod 755 "$tdir/install.sh" "$tdir/lawdesk"
  cp packaging/linux/README.txt "$tdir/README.txt"
  tar -C "$staging/tar" --owner=0 --group=0 --sort=name -cJf "$DIST/$name.tar.xz" "$name"
  echo "built $DIST/$name.tar.xz" >&2

  # .deb: Depends are the shared libraries the binary really links, found by
  # dpkg-shlibdeps (ldd's list mapped to their Debian packages, with minimum versions).
  local root="$staging/deb"
  mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/lawdesk"
  cp "$bin" "$root/usr/bin/lawdesk"
  desktop_entry lawdesk >"$root/usr/share/applications/$APP_ID.desktop"
  install_icons "$root/usr"
  cp LICENSE "$root/usr/share/doc/lawdesk/copyright"
  local depends so pkg
  depends=$(mkdir -p "$staging/shlibs/debian" && cd "$staging/shlibs" &&
    printf 'Source: lawdesk\n\nPackage: lawdesk\nArchitecture: amd64\n' >debian/control &&
    dpkg-shlibdeps -O -e "$root/usr/bin/lawdesk" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  [ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
  for so in "${glfw_dlopened[@]}"; do
    pkg=$(dpkg -S "*/$so" 2>/dev/null | grep -v -- '-dev:' | head -1 | cut -d: -f1)
    [ -n "$pkg" ] || { echo "no installed Debian package has $so (needed to compute Depends)" >&2; exit 1; }
    depends="$depends, $pkg"
  done
  cat >"$root/DEBIAN/control" <<EOF
Package: lawdesk
Version: $VERSION-$BUILD
Architecture: amd64
Maintainer: LawDesk developers <lawdesk@users.noreply.github.com>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Recommends: libdecor-0-0
Section: misc
Priority: optional
Homepage: $WEBSITE
Description: $APP_NAME (LawDesk)
 $COMMENT.
 LawDesk lets a county or township enforcement office carry out the "three
 systems" of administrative law enforcement on one office PC with no server:
 publicity, full-process recording and legal review of major decisions.
EOF
  local deb="$DIST/lawdesk_${VERSION}-${BUILD}_amd64.deb"
  dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
  echo "built $deb (Depends: $depends)" >&2
  rm -rf "$staging"
  staging=""
}

build_windows() {
  install_missing "${windows_pkgs[@]}"
  mkdir -p "$DIST"
  new_staging
  local exe="$DIST/lawdesk-$VERSION-windows-amd64.exe"
  windows_exe "$exe"

  local nsis="$staging/nsis"
  mkdir -p "$nsis"
  cp packaging/windows/lawdesk.nsi "$exe" LICENSE "$nsis/"
  mv "$nsis/$(basename "$exe")" "$nsis/lawdesk.exe"
  convert "$ICON" -define icon:auto-resize=256,64,48,32,16 "$nsis/lawdesk.ico"
  cat >"$nsis/defines.nsh" <<EOF
!define VERSION "$VERSION"
!define BUILD "$BUILD"
!define APPNAME "$APP_NAME"
!define APPID "$APP_ID"
!define SIZE_KB $(du -sk "$nsis/lawdesk.exe" | cut -f1)
!define OUTFILE "lawdesk-installer.exe"
EOF
  (cd "$nsis" && makensis -V2 -INPUTCHARSET UTF8 lawdesk.nsi)
  local setup="$DIST/lawdesk-$VERSION-windows-amd64-setup.exe"
  mv "$nsis/lawdesk-installer.exe" "$setup"
  echo "built $setup" >&2
  rm -rf "$staging"
  staging=""
}

case "${1:-}" in
  linux-binary)
    out=${2:?usage: build.sh linux-binary OUT}
    CGO_ENABLED=1 go build -ldflags "$LDFLAGS" -o "$out" ./app
    echo "built $out (LawDesk $VERSION build $BUILD, $APP_ID)" >&2
    ;;
  windows-exe)
    out=${2:?usage: build.sh windows-exe OUT}
    need_go
    install_missing gcc-mingw-w64-x86-64
    windows_exe "$out"
    ;;
  linux)
    need_go
    build_linux
    ;;
  windows)
    need_go
    build_windows
    ;;
  all)
    need_go
    start=$SECONDS
    build_linux
    build_windows
    echo "全部构建完成 / all built in $((SECONDS - start)) s:" >&2
    ls -l "$DIST" >&2
    ;;
  *)
    sed -n '2,9p' "$0"
    exit 2
    ;;
esac
