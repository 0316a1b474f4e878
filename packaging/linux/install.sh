#!/bin/sh
# Installs LawDesk @VERSION@ from this unpacked archive: as root for everyone (into
# /usr/local), otherwise for the current user only (into ~/.local). Run ./install.sh
# --uninstall to remove the program again; your data (~/.local/share/lawdesk, or the
# place chosen at first start) is never touched.
set -eu
cd "$(dirname "$0")"
app_id=@APP_ID@
if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$prefix/bin/lawdesk" "$prefix/share/applications/$app_id.desktop"
  for f in "$prefix"/share/icons/hicolor/*/apps/"$app_id".png; do rm -f "$f"; done
  echo "LawDesk 已从 $prefix 卸载，数据没有删除。/ LawDesk removed from $prefix; your data was kept."
  exit 0
fi

install -D -m 755 lawdesk "$prefix/bin/lawdesk"
for icon in share/icons/hicolor/*/apps/"$app_id".png; do
  install -D -m 644 "$icon" "$prefix/$icon"
done
mkdir -p "$prefix/share/applications"
sed "s|^Exec=.*|Exec=$prefix/bin/lawdesk|" "$app_id.desktop" >"$prefix/share/applications/$app_id.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "LawDesk 已安装到 $prefix，可以从应用程序菜单（办公）打开“行政执法三项制度工作台”。"
echo "LawDesk installed into $prefix; open it from the applications menu (Office)."
