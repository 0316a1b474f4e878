package ui

// reviewOpenDocument opens a case document from the review screen in the record's preview
// window, which logs the view in the access log (调阅记录).
func (u *UI) reviewOpenDocument(id uint64) {
	d, err := u.svc.Store.Document(id)
	if err != nil {
		u.showError(err)
		return
	}
	u.previewDocument(d)
}
