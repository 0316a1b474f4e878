package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// dossierTab shows the dossier's completeness, archives the case and prints the dossier.
func (cs *caseScreen) dossierTab() fyne.CanvasObject {
	return note(lang.L("record.dossier.intro"))
}
