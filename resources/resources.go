// Package resources embeds everything LawDesk ships inside its binary: the CJK font, the
// icon, the interface translations and the official holiday schedules.
package resources

import "embed"

// Font is WenQuanYi Micro Hei (Apache-2.0, see fonts/LICENSE-wqy-microhei.txt), the first
// face of Debian's .ttc saved as a TrueType .ttf, which both Fyne and gopdf accept.
//
//go:embed fonts/wqy-microhei.ttf
var Font []byte

// FontName is the file name under which Font is registered with Fyne and gopdf.
const FontName = "wqy-microhei.ttf"

// Icon is the application icon (FyneApp.toml points at the same file).
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/zh.json and translations/en.json for Fyne's lang package.
//
//go:embed translations
var Translations embed.FS

// Holidays holds the State Council's published holiday schedules, one JSON file per year in
// the holiday-cn format {year, papers, days:[{name, date, isOffDay}]} (MIT, see holiday/LICENSE).
//
//go:embed holiday
var Holidays embed.FS
