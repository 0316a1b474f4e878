; The LawDesk installer for Windows x64 (NSIS 3, built on Linux by packaging/build.sh).
;
; Per-machine: installs into Program Files (needs an administrator once), with Start-menu
; and desktop shortcuts for every user and an entry in "Apps & features". The uninstaller
; removes only what the installer put there. It never touches the data directory
; (%APPDATA%\LawDesk of each user, or the place chosen at first start): the records of
; an enforcement office must outlive any reinstall.
;
; build.sh writes defines.nsh beside this file with, from FyneApp.toml, VERSION, BUILD,
; APPNAME (the Chinese name) and APPID, SIZE_KB (the installed size) and OUTFILE; the files
; lawdesk.exe, lawdesk.ico and LICENSE are copied beside it too.

; A 64-bit installer: LawDesk is x64 only, and wine tests need no 32-bit wine.
Target amd64-unicode
!include "defines.nsh"
SetCompressor /SOLID lzma
ManifestDPIAware true

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"

!define PRODUCT "LawDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define SHORTCUT "${APPNAME}.lnk"

Name "${APPNAME} (${PRODUCT})"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "AGPL-3.0-or-later"

!define MUI_ICON "lawdesk.ico"
!define MUI_UNICON "lawdesk.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上安装 ${APPNAME}（${PRODUCT} ${VERSION}）。$\r$\n$\r$\n安装需要管理员权限，安装后这台电脑上的所有用户都可以从“开始”菜单或桌面打开它。$\r$\n$\r$\n数据保存在每个用户的 %APPDATA%\${PRODUCT} 目录（第一次启动时也可以选择其他位置，例如 D 盘）。重新安装或卸载程序都不会删除数据。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchAsUser
!define MUI_FINISHPAGE_RUN_TEXT "现在打开 ${APPNAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上删除 ${APPNAME} 程序和快捷方式。$\r$\n您的数据（各用户的 %APPDATA%\${PRODUCT} 目录或首次启动时选择的目录）不会被删除；以后重新安装即可继续使用。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} 需要 64 位 Windows（Windows 10 或 11）。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; The finish page runs as the installing administrator; start LawDesk through Explorer so
; it opens as the signed-in user, with that user's data directory.
Function LaunchAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\lawdesk.exe"'
FunctionEnd

Section "LawDesk" SecMain
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "lawdesk.exe"
  File "/oname=LICENSE.txt" "LICENSE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${SHORTCUT}" "$INSTDIR\lawdesk.exe" "" "$INSTDIR\lawdesk.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载 ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\lawdesk.exe" "" "$INSTDIR\lawdesk.exe" 0

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APPNAME} (${PRODUCT})"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\lawdesk.exe,0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

; Removes exactly the installed files, shortcuts and registry entries. The data directory
; is deliberately not mentioned here at all.
Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${SHORTCUT}"
  Delete "$SMPROGRAMS\${APPNAME}\${SHORTCUT}"
  Delete "$SMPROGRAMS\${APPNAME}\卸载 ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$INSTDIR\lawdesk.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
