package ui

// reviewOpenReviewDocument opens a case document from the review screen.
//
// TEMPORARY: previews belong to the record capability, whose documents are not on main yet;
// until they are, this says so. Replaced by the record's preview window when they land.
func (u *UI) reviewOpenReviewDocument(id uint64) {
	showMessage(u.win, "文书", "文书预览将在“案件与记录”的文书功能合入后提供。")
}
