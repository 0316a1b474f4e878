package main

import (
	"flag"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"lawdesk/internal/backup"
	"lawdesk/internal/calendar"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/publicity"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/report"
	"lawdesk/internal/review"
	"lawdesk/internal/store"
	"lawdesk/internal/ui"
	"lawdesk/resources"
)

// AppID is the application identifier, as in FyneApp.toml (a test keeps them equal).
const AppID = "cn.lawdesk.desk"

// runGUI opens the desktop window on the data directory (--data, else dataDir()).
func runGUI(args []string) error {
	fs := flag.NewFlagSet("lawdesk", flag.ContinueOnError)
	data := fs.String("data", dataDir(), "数据目录 / data directory")
	if err := parse(fs, args); err != nil {
		return err
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	if err := checkChosenDirPresent(*data, flagGiven(fs, "data")); err != nil {
		ui.RunFatal(a, err)
		return err
	}
	svc, err := openServices(*data)
	if err != nil {
		ui.RunFatal(a, err)
		return err
	}
	mover := &dataMover{std: defaultDataDir(), current: svc}
	if !flagGiven(fs, "data") {
		// --data always wins; without it the first-run wizard may choose another place.
		svc.ChangeDataDir = mover.moveTo
	}
	ui.Run(a, svc)
	return mover.current.Store.Close()
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// openServices opens the store in dir and builds every service on it.
func openServices(dir string) (ui.Services, error) {
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return ui.Services{}, err
	}
	cal := calendar.New(st)
	// One record service for the whole window, with the legal-review gate registered on it:
	// the decision of a case needing review cannot be completed from any screen.
	rec := record.New(st)
	rev := review.New(st, rec)
	insp := inspection.New(st)
	insp.Cases = inspection.RecordCases{Record: rec} // 立案查处 opens its case
	pub := publication.New(st)
	pub.Sections = append(pub.Sections, insp.PublicationSection) // the inspection results join the export
	return ui.Services{Store: st, Office: office.New(st), Version: Version(),
		Calendar: cal, Publication: pub, Record: rec, Review: rev,
		Inspection: insp, Flowchart: flowchart.New(st), Recording: recording.New(st), Publicity: publicity.New(st),
		Backup: backup.New(st), Report: report.New(st)}, nil
}
