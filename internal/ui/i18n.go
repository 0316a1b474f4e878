package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lawdesk/resources"
)

// Languages LawDesk ships. Chinese is the default whatever the PC's locale is.
const (
	LangChinese = "zh"
	LangEnglish = "en"
)

// translationFiles returns the names of the translation files of a language: zh.json for
// the shell and common words, and one <area>.zh.json per capability (Fyne's own
// [prefix.]lang.json convention), so each screen's words live beside each other.
func translationFiles(language string) ([]string, error) {
	entries, err := fs.ReadDir(resources.Translations, "translations")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if n == language+".json" || strings.HasSuffix(n, "."+language+".json") {
			names = append(names, n)
		}
	}
	return names, nil
}

// loadTranslations makes every lang.L call answer in the chosen language. Fyne picks a
// translation by the PC's locale, and falls back to English for unknown ones; registering
// the chosen language under the system locale and under the fallback makes the choice win
// on any PC (an English Windows, a Linux box with LANG=C) without touching the locale.
func loadTranslations(language string) error {
	if language != LangEnglish {
		language = LangChinese
	}
	names, err := translationFiles(language)
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := resources.Translations.ReadFile("translations/" + name)
		if err != nil {
			return err
		}
		var probe map[string]any
		if err := json.Unmarshal(data, &probe); err != nil {
			return fmt.Errorf("translations/%s: %w", name, err)
		}
		for _, loc := range []fyne.Locale{"en", lang.SystemLocale(), fyne.Locale(language)} {
			if err := lang.AddTranslationsForLocale(data, loc); err != nil {
				return err
			}
		}
	}
	return nil
}
