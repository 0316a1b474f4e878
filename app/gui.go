package main

import (
	"flag"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"lawdesk/internal/calendar"
	"lawdesk/internal/flowchart"
	"lawdesk/internal/inspection"
	"lawdesk/internal/office"
	"lawdesk/internal/publication"
	"lawdesk/internal/record"
	"lawdesk/internal/recording"
	"lawdesk/internal/store"
	"lawdesk/internal/ui"
	"lawdesk/resources"
)

// AppID is the application identifier, as in FyneApp.toml (a test keeps them equal).
const AppID = "cn.lawdesk.desk"

// runGUI opens the desktop window on the data directory (default or --data).
func runGUI(args []string) error {
	fs := flag.NewFlagSet("lawdesk", flag.ContinueOnError)
	data := fs.String("data", defaultDataDir(), "数据目录 / data directory")
	if err := parse(fs, args); err != nil {
		return err
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	st, err := store.Open(*data, store.Options{})
	if err != nil {
		ui.RunFatal(a, err)
		return err
	}
	defer st.Close()
	cal := calendar.New(st)
	insp := inspection.New(st)
	insp.Cases = inspection.RecordCases{Record: record.New(st)} // 立案查处 opens its case
	ui.Run(a, ui.Services{Store: st, Office: office.New(st), Version: Version(),
		Calendar: cal, Publication: publication.New(st),
		Inspection: insp, Flowchart: flowchart.New(st), Recording: recording.New(st)})
	return nil
}
