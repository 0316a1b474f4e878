package ui

import (
	"encoding/binary"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// waitIntegrity runs the start-up verification as Run does and waits for it.
func waitIntegrity(u *UI) {
	u.startIntegrityCheck()
	<-u.check.done
}

func TestStartupCheckOfSoundDataShowsNoWarning(t *testing.T) {
	u := newTestUI(t, true)
	waitIntegrity(u)
	signIn(t, u, "admin")
	if s := screenText(u); strings.Contains(s, tr("integrity.title")) {
		t.Fatalf("a sound demo office shows the verification warning:\n%s", s)
	}
	rec, failed, err := u.svc.Store.VerifyWarning()
	if err != nil || failed {
		t.Fatalf("warning %+v %v %v", rec, failed, err)
	}
}

// An audit event deleted outside LawDesk: the start-up check finds it, the dashboard shows
// the red warning with the problem, for everyone, and it stays after signing in again.
func TestStartupCheckWarnsOnTheDashboard(t *testing.T) {
	u := newTestUI(t, true)
	err := u.svc.Store.DB().Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("audit")).Delete(binary.BigEndian.AppendUint64(nil, 9))
	})
	if err != nil {
		t.Fatal(err)
	}
	waitIntegrity(u)
	signIn(t, u, "admin")
	assertShows(t, u, tr("integrity.title"), "审计记录缺失：第 8 条之后直接是第 10 条", tr("integrity.open"))
	tapButton(t, u, "integrity.open")
	assertShows(t, u, tr("verify.run"))

	u.signOut()
	signIn(t, u, "liuyang") // an officer sees the warning too, without the button
	assertShows(t, u, tr("integrity.title"))
	if button(u, "integrity.open") != nil {
		t.Error("an officer gets the button to open the verification")
	}
}
