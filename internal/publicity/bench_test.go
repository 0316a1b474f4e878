package publicity_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/pdf"
	"lawdesk/internal/publicity"
	"lawdesk/internal/store"
)

// benchEnv is an office with no data, on a store in a temporary directory.
func benchEnv(b *testing.B) (*publicity.Service, office.Session) {
	b.Helper()
	st, err := store.Open(b.TempDir(), store.Options{Now: func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, loc) }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	admin, err := office.New(st).Setup(office.SetupRequest{
		Agency:    domain.Agency{Name: "青山县市场监督管理局", ShortName: "青市监", Region: "贵州省六盘水市青山县", PublicURL: "https://www.qingshan.gov.cn/scjgj/zfgs"},
		AdminName: "admin", AdminFullName: "王建国", Password: "admin2026", Password2: "admin2026",
	})
	if err != nil {
		b.Fatal(err)
	}
	return publicity.New(st), admin
}

// BenchmarkImport5000 previews and applies a 5,000-row GB18030 CSV of officers.
func BenchmarkImport5000(b *testing.B) {
	data := bigOfficerCSV(b, 5000)
	for b.Loop() {
		b.StopTimer()
		svc, admin := benchEnv(b)
		b.StartTimer()
		plan, err := svc.PreviewImport(context.Background(), admin, domain.ListOfficers, "officers.csv", data, nil)
		if err != nil || !plan.OK() {
			b.Fatal(err, plan.Errors)
		}
		if err := svc.ApplyImport(admin, plan); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrintList500 prints a published list of 500 officers as the screen and the
// command line do: read the version, lay out, write the PDF, log the print.
func BenchmarkPrintList500(b *testing.B) {
	svc, admin := benchEnv(b)
	plan, err := svc.PreviewImport(context.Background(), admin, domain.ListOfficers, "officers.csv", bigOfficerCSV(b, 500), nil)
	if err != nil || svc.ApplyImport(admin, plan) != nil {
		b.Fatal(err)
	}
	d, _ := svc.NewDraft(admin, domain.ListOfficers)
	if _, err := svc.Publish(admin, d, domain.NewDate(2026, 3, 2), "首次编制"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := svc.PrintList(admin, io.Discard, publicity.PrintRequest{Kind: domain.ListOfficers}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrintCards50 prints the cards of 50 windows, each with its own stored photo.
func BenchmarkPrintCards50(b *testing.B) {
	svc, admin := benchEnv(b)
	for i := 0; i < 50; i++ {
		img := portrait(900, 1200)
		var buf bytes.Buffer
		if err := encodeJPEGTo(&buf, img, i); err != nil {
			b.Fatal(err)
		}
		w := domain.Window{Name: fmt.Sprintf("政务服务中心 %d号窗口 · 食品经营许可", i+1), Staff: fmt.Sprintf("工作人员%02d", i), Post: "综合受理岗",
			Duties: "负责食品经营许可申请的受理、材料初审、一次性告知和证照发放。", Services: []string{"食品经营许可（新办）", "食品经营许可（变更）", "食品小作坊登记"},
			Materials: "1. 申请书\n2. 营业执照复印件\n3. 身份证明", ProgressPhone: "0858-8321108", Consultation: "0858-8321108", ComplaintPhone: "12315"}
		if _, err := svc.SaveWindow(admin, w, &publicity.PhotoFile{Name: "p.jpg", Data: buf.Bytes()}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := svc.PrintCards(admin, io.Discard, nil, pdf.CardA4, nil); err != nil {
			b.Fatal(err)
		}
	}
}
