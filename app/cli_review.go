package main

import (
	"fmt"
	"io"
	"strings"

	"lawdesk/internal/domain"
	"lawdesk/internal/office"
	"lawdesk/internal/record"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
)

func init() {
	for _, k := range []struct {
		name    string
		doc     review.Document
		summary string
	}{
		{"review-opinion", review.DocOpinion, "法制审核意见书 / the legal review opinion of a case"},
		{"review-submission", review.DocSubmission, "法制审核送审表 / the submission form of a review round"},
		{"review-history", review.DocHistory, "法制审核过程记录（各轮次与协调）/ every round and coordination of a review"},
	} {
		k := k
		usage := "--data DIR --user NAME --case NO --out FILE.pdf [--round N]"
		if k.doc == review.DocHistory {
			usage = "--data DIR --user NAME --case NO --out FILE.pdf" // every round
		}
		registerPrint(target{name: k.name, usage: usage, summary: k.summary,
			run: func(args []string, out io.Writer) error { return runPrintReview(k.name, k.doc, args, out) }})
	}
	registerPrint(target{name: "review-catalogue", usage: "--data DIR --user NAME --out FILE.pdf",
		summary: "重大执法决定法制审核目录清单（公开用）/ the catalogue of major decisions, for publication", run: runPrintCatalogue})
	register(command{name: "decide", usage: "--data DIR --user NAME --case NO [--date YYYY-MM-DD] [--next 送达]",
		summary: "完成案件的“决定”环节（重大执法决定须法制审核同意）/ complete a case's decision stage (major decisions need a passed review)",
		run:     runDecide})
}

// openReviewServices opens the data directory, signs the user in and builds the record service
// with the legal-review gate on it, as the window does.
func openReviewServices(data, user string) (*store.Store, office.Session, *record.Service, *review.Service, error) {
	st, err := store.Open(data, store.Options{})
	if err != nil {
		return nil, office.Session{}, nil, nil, err
	}
	sess, err := authenticate(st, user)
	if err != nil {
		st.Close()
		return nil, sess, nil, nil, err
	}
	rec := record.New(st)
	return st, sess, rec, review.New(st, rec), nil
}

func runPrintReview(name string, doc review.Document, args []string, out io.Writer) error {
	fs, data := newFlags(targetCommand("print", printTargets[name]), out)
	user := fs.String("user", "", "您的用户名（打印记入调阅记录）/ your user name (the print is logged)")
	caseNo := fs.String("case", "", "案件编号，例如 青市监处罚〔2026〕12号 / case number")
	outPath := fs.String("out", "", "保存的 PDF 文件 / the PDF file to write")
	round := new(int)
	if doc != review.DocHistory {
		round = fs.Int("round", 0, "第几轮（默认最新一轮）/ round number (default: the latest)")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*caseNo) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --case 指定案件编号。/ --case is required.")
	}
	st, sess, rec, rv, err := openReviewServices(*data, *user)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := rec.CaseByNumber(sess, *caseNo)
	if err != nil {
		return err
	}
	if err := writeOutput(*outPath, func(w io.Writer) error { return rv.Print(sess, cs.ID, doc, *round, w) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已保存%s：%s（案件 %s）/ written\n", doc.Title(), *outPath, cs.Number)
	return nil
}

func runPrintCatalogue(args []string, out io.Writer) error {
	fs, data := newFlags(targetCommand("print", printTargets["review-catalogue"]), out)
	user := fs.String("user", "", "您的用户名 / your user name")
	outPath := fs.String("out", "", "保存的 PDF 文件 / the PDF file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, sess, _, rv, err := openReviewServices(*data, *user)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := writeOutput(*outPath, func(w io.Writer) error { return rv.PrintCatalogue(sess, w) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "已保存重大执法决定法制审核目录清单：%s / written\n", *outPath)
	return nil
}

// runDecide completes the 决定 stage of a case whose decision has been filled in, through
// the same record service (and legal-review gate) as the window.
func runDecide(args []string, out io.Writer) error {
	c := commands["decide"]
	fs, data := newFlags(c, out)
	user := fs.String("user", "", "您的用户名 / your user name")
	caseNo := fs.String("case", "", "案件编号 / case number")
	date := fs.String("date", "", "决定日期，默认为已填写的决定日期 / decision date (default: the one filled in)")
	next := fs.String("next", "送达", "下一环节 / the next stage")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*caseNo) == "" {
		return domain.Errorf(domain.EINVALID, "请用 --case 指定案件编号。/ --case is required.")
	}
	st, sess, rec, _, err := openReviewServices(*data, *user)
	if err != nil {
		return err
	}
	defer st.Close()
	// refuse who may not decide before telling them anything about the case
	if err := domain.Require(sess.User, domain.PermCaseEdit, "作出决定"); err != nil {
		return err
	}
	cs, err := rec.CaseByNumber(sess, *caseNo)
	if err != nil {
		return err
	}
	if cs.Stage != domain.StageDecide {
		return domain.Errorf(domain.EINVALID, "案件 %s 当前在“%s”环节，不在“决定”环节。", cs.Number, cs.Stage.Label())
	}
	step := record.StageStep{CaseID: cs.ID, Date: cs.Decision.Date, Note: "作出决定（命令行）"}
	if *date != "" {
		if step.Date, err = domain.ParseDate(*date); err != nil {
			return err
		}
	}
	if step.Next, err = domain.ParseStage(*next); err != nil {
		return err
	}
	cs, err = rec.CompleteStage(sess, step)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "案件 %s 已完成“决定”环节，进入“%s”。/ decided\n", cs.Number, cs.Stage.Label())
	return nil
}
