#!/usr/bin/env bash
# Tests of the release packages, as a county IT clerk would use them. Slow (several
# minutes, downloads a Debian 12 base system), so not part of `go test ./...` nor of CI.
#
#   packaging/test.sh [all|linux|windows|startup]   (default: all)
#
# linux:   builds dist/ (build.sh linux), checks the .tar.xz and the .deb, then installs the
#          .deb into a clean Debian 12 chroot made with debootstrap: `lawdesk version` runs
#          and the window opens with nothing but the package's Depends; removes it and
#          installs the .tar.xz there with its install.sh.
# windows: builds dist/ (build.sh windows), checks the exe's resources, runs MuPDF's tests
#          (internal/mingwcompat) and the exe under wine and Xvfb, reads the login window
#          with OCR (tesseract, chi_sim) and keeps the screenshot in dist/test/; installs
#          and uninstalls with the NSIS installer and checks the data directory survives.
# startup: time from start to the login window of the Linux binary on a demo office, 5 runs
#          (printed for the README's Performance section, not judged).
#
# Ends with "N passed, M failed"; exit status 1 when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/lib.sh

what=${1:-all}
case "$what" in all | linux | windows | startup) ;; *) sed -n '2,18p' "$0"; exit 2 ;; esac

need_go
install_missing xvfb xdotool x11-utils imagemagick tesseract-ocr tesseract-ocr-chi-sim desktop-file-utils
VERSION=$(awk -F'"' '/^[ \t]*Version/ { print $2; exit }' FyneApp.toml)
BUILD=$(awk -F'= *' '/^[ \t]*Build/ { print $2; exit }' FyneApp.toml)
APP_ID=$(awk -F'"' '/^[ \t]*ID/ { print $2; exit }' FyneApp.toml)
APP_NAME=$(awk -F'"' '/^[ \t]*Name/ { print $2; exit }' FyneApp.toml)

work=$(mktemp -d)
shots=dist/test
mkdir -p "$shots"
passed=0
failed=0
pids=()
chroot_dir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -z "${WINEPREFIX:-}" ] || wineserver -k 2>/dev/null || true
  if [ -n "$chroot_dir" ] && mountpoint -q "$chroot_dir/proc"; then umount "$chroot_dir/proc"; fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

ok() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1" >&2; failed=$((failed + 1)); }
# check NAME CMD…: runs CMD and records whether it succeeded.
check() {
  local name=$1
  shift
  if "$@" >"$work/check.log" 2>&1; then ok "$name"; else fail "$name:"; tail -20 "$work/check.log" >&2; fi
}

# An X display of the office PC's size for the windows under test.
display_num=93
while [ -e "/tmp/.X$display_num-lock" ]; do display_num=$((display_num + 1)); done
export DISPLAY=:$display_num
Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1

# wait_window SECONDS: waits for a visible LawDesk window; prints the seconds it took.
wait_window() {
  local start=$EPOCHREALTIME
  while ! xdotool search --onlyvisible --name 'LawDesk|行政执法三项制度工作台' >/dev/null 2>&1; do
    awk -v a="$start" -v b="$EPOCHREALTIME" -v max="$1" 'BEGIN { exit !(b - a > max) }' && return 1
    sleep 0.05
  done
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", b - a }'
}

# ocr_login PNG: the login window's text, read back with OCR.
ocr_login() {
  convert "$1" -crop 600x420+383+160 -resize 200% -colorspace Gray "$work/ocr.png"
  tesseract "$work/ocr.png" - -l chi_sim 2>/dev/null | tr -d ' '
}

# login_shows_chinese PNG: the login window shows its Chinese text, not empty boxes.
login_shows_chinese() {
  local text
  text=$(ocr_login "$1")
  grep -q "$APP_NAME" <<<"$text" && grep -q "用户名" <<<"$text" && grep -q "密码" <<<"$text"
}

test_linux() {
  packaging/build.sh linux
  local tarball="dist/lawdesk-$VERSION-linux-amd64.tar.xz"
  local deb="dist/lawdesk_${VERSION}-${BUILD}_amd64.deb"
  local top="lawdesk-$VERSION-linux-amd64"

  echo "== Linux .tar.xz"
  tar -C "$work" -xJf "$tarball"
  local t="$work/$top"
  check "tar.xz has the binary, install.sh, LICENSE, README.txt and the icon" \
    test -x "$t/lawdesk" -a -x "$t/install.sh" -a -f "$t/LICENSE" -a -f "$t/README.txt" \
    -a -f "$t/share/icons/hicolor/512x512/apps/$APP_ID.png" -a -f "$t/share/icons/hicolor/48x48/apps/$APP_ID.png"
  check "the .desktop entry is valid" desktop-file-validate "$t/$APP_ID.desktop"
  check "the .desktop entry has FyneApp.toml's name and icon" \
    sh -c "grep -qx 'Name=$APP_NAME' '$t/$APP_ID.desktop' && grep -qx 'Icon=$APP_ID' '$t/$APP_ID.desktop'"
  check "the packaged binary says version $VERSION" bash -c "'$t/lawdesk' version | grep -q 'LawDesk $VERSION'"

  echo "== Linux .deb"
  check "the .deb is lawdesk $VERSION-$BUILD" \
    test "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" = "lawdesk $VERSION-$BUILD"
  local depends
  depends=$(dpkg-deb -f "$deb" Depends)
  # Every library ldd shows (directly linked) must come from a package in Depends.
  local lib pkg missing=""
  for lib in $(readelf -d "$t/lawdesk" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
    pkg=$(dpkg -S "*/$lib" 2>/dev/null | grep -v -- '-dev:' | head -1 | cut -d: -f1)
    [ "$pkg" = libc6 ] || grep -q "\b$pkg\b" <<<"$depends" || missing="$missing $lib($pkg)"
  done
  check "Depends covers every library the binary links (ldd, dpkg -S):${missing:- all there}" test -z "$missing"
  # GLFW opens the display libraries with dlopen; build.sh lists them. The binary must
  # still ask for each (or the list is stale).
  missing=""
  for lib in $(sed -n '/^glfw_dlopened=(/,/)/p' packaging/build.sh | tr -d '()' | sed 's/glfw_dlopened=//'); do
    grep -qa "$lib" "$t/lawdesk" || missing="$missing $lib"
  done
  check "every library build.sh lists as dlopened is named in the binary:${missing:- yes}" test -z "$missing"

  echo "== .deb and .tar.xz on a clean Debian 12 (debootstrap)"
  local mirror
  mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | awk '{print $2; exit}')
  mirror=${mirror:-http://deb.debian.org/debian}
  install_missing debootstrap
  chroot_dir="$work/bookworm"
  check "debootstrap a minimal Debian 12 from $mirror" debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror"
  cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
  cp "$deb" "$chroot_dir/tmp/"
  cp "$tarball" "$chroot_dir/tmp/"
  mount -t proc proc "$chroot_dir/proc"
  local in_chroot=(chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8)
  check "apt-get install ./$(basename "$deb") in the chroot" "${in_chroot[@]}" sh -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb")"
  check "lawdesk version runs in the chroot" "${in_chroot[@]}" sh -c "lawdesk version | grep -q 'LawDesk $VERSION'"
  check "the menu entry and icon are installed" test -f "$chroot_dir/usr/share/applications/$APP_ID.desktop" \
    -a -f "$chroot_dir/usr/share/icons/hicolor/256x256/apps/$APP_ID.png"
  check "lawdesk demo creates the demo office in the chroot" "${in_chroot[@]}" lawdesk demo --data /tmp/demo --password demo1234
  # The window: the chroot shares this machine's network namespace, so it reaches Xvfb.
  "${in_chroot[@]}" DISPLAY="$DISPLAY" LIBGL_ALWAYS_SOFTWARE=1 lawdesk --data /tmp/demo >"$work/chroot-gui.log" 2>&1 &
  local app=$!
  pids+=($app)
  local took
  if took=$(wait_window 30); then
    sleep 2
    import -window root "$shots/debian12-login.png"
    ok "the window opens in the chroot with only the Depends installed (${took} s)"
    local wid class
    wid=$(xdotool search --onlyvisible --name 'LawDesk' | head -1)
    class=$(printf '%b' "$(xprop -id "$wid" WM_CLASS | sed 's/^[^"]*"\([^"]*\)".*/\1/')")
    check "the window's WM_CLASS ($class) is the menu entry's StartupWMClass" \
      grep -qxF "StartupWMClass=$class" "$chroot_dir/usr/share/applications/$APP_ID.desktop"
    check "the login window shows its Chinese text (OCR, $shots/debian12-login.png)" login_shows_chinese "$shots/debian12-login.png"
  else
    fail "no window from lawdesk in the chroot"
    cat "$work/chroot-gui.log" >&2
  fi
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  check "apt-get remove lawdesk" "${in_chroot[@]}" sh -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq lawdesk && ! command -v lawdesk"
  check "the data directory outlives the package" test -f "$chroot_dir/tmp/demo/lawdesk.db"
  # (a minimal system lacks xz, which every desktop installation has)
  check "the .tar.xz's install.sh installs into /usr/local" "${in_chroot[@]}" sh -c \
    "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xz-utils && cd /tmp && tar -xJf $(basename "$tarball") && $top/install.sh && /usr/local/bin/lawdesk version | grep -q 'LawDesk $VERSION' && grep -q '^Exec=/usr/local/bin/lawdesk' /usr/local/share/applications/$APP_ID.desktop"
  check "install.sh --uninstall removes it again" "${in_chroot[@]}" sh -c \
    "/tmp/$top/install.sh --uninstall && test ! -e /usr/local/bin/lawdesk -a ! -e /usr/local/share/applications/$APP_ID.desktop"
  umount "$chroot_dir/proc"
}

test_windows() {
  packaging/build.sh windows
  install_missing wine wine64 gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  local exe="dist/lawdesk-$VERSION-windows-amd64.exe"
  local setup="dist/lawdesk-$VERSION-windows-amd64-setup.exe"

  echo "== Windows exe"
  check "the exe is a GUI program (no console window)" \
    sh -c "x86_64-w64-mingw32-objdump -p '$exe' | grep -q 'Subsystem.*Windows GUI'"
  check "the exe carries version $VERSION.$BUILD and its original file name" \
    sh -c "strings -el '$exe' | grep -q '^$VERSION.$BUILD\$' && strings -el '$exe' | grep -q '^lawdesk.exe\$'"
  check "the exe carries an icon" sh -c "x86_64-w64-mingw32-objdump -h '$exe' | grep -q '\.rsrc'"

  # A wine prefix of its own, with the ProcessPrng stand-in Go needs (see the .c file).
  export WINEPREFIX="$work/wine" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  check "wineboot a fresh wine prefix" wineboot -i
  wineserver -w
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/test/bcryptprimitives.c -ladvapi32
  GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
    go test -c -o "$work/mingwcompat.test.exe" ./internal/mingwcompat
  check "MuPDF (go-fitz) with internal/mingwcompat renders and rejects PDFs under wine" \
    wine "$work/mingwcompat.test.exe" -test.v
  check "lawdesk.exe version runs under wine" sh -c "wine '$exe' version | grep -q 'LawDesk $VERSION'"
  check "lawdesk.exe demo creates the demo office" wine "$exe" demo --data 'C:\demo' --password demo1234

  wine "$exe" --data 'C:\demo' >"$work/wine-gui.log" 2>&1 &
  local app=$! took
  pids+=($app)
  if took=$(wait_window 60); then
    sleep 3
    import -window root "$shots/windows-login.png"
    ok "lawdesk.exe opens its window under wine (${took} s)"
    check "the login window shows its Chinese text (OCR, $shots/windows-login.png)" login_shows_chinese "$shots/windows-login.png"
  else
    fail "no window from lawdesk.exe under wine"
    cat "$work/wine-gui.log" >&2
  fi
  wineserver -k || true
  wait "$app" 2>/dev/null || true

  echo "== Windows installer"
  local c="$WINEPREFIX/drive_c"
  local programs="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/$APP_NAME"
  local key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\LawDesk'
  check "the installer runs silently (/S)" wine "$setup" /S
  check "installed into Program Files" test -f "$c/Program Files/LawDesk/lawdesk.exe" -a -f "$c/Program Files/LawDesk/uninstall.exe"
  check "Start-menu and desktop shortcuts for every user" \
    test -f "$programs/$APP_NAME.lnk" -a -f "$c/users/Public/Desktop/$APP_NAME.lnk"
  check "registered in Apps & features" sh -c "wine reg query '$key' /v DisplayVersion | grep -q '$VERSION'"
  check "the installed lawdesk.exe runs" sh -c "wine 'C:\\Program Files\\LawDesk\\lawdesk.exe' version | grep -q 'LawDesk $VERSION'"
  local appdata
  appdata=$(wine cmd /c echo %APPDATA% | tr -d '\r')
  check "a demo office in the default data directory %APPDATA%\\LawDesk" \
    wine 'C:\Program Files\LawDesk\lawdesk.exe' demo --data "$appdata\\LawDesk" --password demo1234
  local data
  data="$c/users/$(id -un)/AppData/Roaming/LawDesk"
  check "the uninstaller runs silently (/S)" wine 'C:\Program Files\LawDesk\uninstall.exe' /S
  # The uninstaller copies itself to %TEMP% and finishes from there.
  for _ in $(seq 60); do [ -e "$c/Program Files/LawDesk" ] || break; sleep 1; done
  check "the program, its shortcuts and its registry entry are gone" sh -c \
    "test ! -e '$c/Program Files/LawDesk' -a ! -e '$programs' -a ! -e '$c/users/Public/Desktop/$APP_NAME.lnk' && ! wine reg query '$key' >/dev/null 2>&1"
  check "the data directory survives the uninstall" test -s "$data/lawdesk.db"
  wineserver -k || true
  unset WINEPREFIX
}

# test_startup: start-up to the login window of the Linux binary, demo office, 5 runs.
test_startup() {
  echo "== start-up to the login window (Linux, demo office)"
  packaging/build.sh linux-binary "$work/lawdesk"
  "$work/lawdesk" demo --data "$work/startup" --password demo1234 >/dev/null
  local i took times=()
  for i in 1 2 3 4 5; do
    LIBGL_ALWAYS_SOFTWARE=1 "$work/lawdesk" --data "$work/startup" >/dev/null 2>&1 &
    local app=$!
    pids+=($app)
    if took=$(wait_window 30); then times+=("$took"); ok "run $i: the login window after $took s"; else fail "no window in run $i"; fi
    kill "$app"
    wait "$app" 2>/dev/null || true
  done
  echo "start-up to the login window, demo office, $(nproc) CPUs: ${times[*]} s"
}

case "$what" in
  linux) test_linux ;;
  windows) test_windows ;;
  startup) test_startup ;;
  all)
    test_linux
    test_windows
    test_startup
    ;;
esac
echo "packaging: $passed passed, $failed failed"
[ "$failed" = 0 ]
