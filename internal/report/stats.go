// Package report owns the office's statistics, the annual report (年度行政执法数据) and the
// annual data bundle (a BagIt zip) with its verification.
//
// Statistics are counted from the record itself. Each table is built by one section
// function over a Data snapshot read from the store; each figure carries the records it
// counted (Refs), so every number on screen or paper can be opened as a list. A capability
// adds its figures by adding one section (and, when it needs more data, one loader).
package report

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"lawdesk/internal/domain"
	"lawdesk/internal/store"
	"lawdesk/internal/workday"
)

// Ref is one record behind a figure.
type Ref struct {
	Kind  string      `json:"kind"` // case, officer, review, publication, recording, dossier
	ID    uint64      `json:"id"`
	Label string      `json:"label"` // what people recognise it by, e.g. a document number and party
	Date  domain.Date `json:"date,omitzero"`
	Note  string      `json:"note,omitempty"` // why it is counted here, when not obvious
}

// Figure is one number of the statistics.
type Figure struct {
	Key   string  `json:"key"` // stable, e.g. penalty.kind.fine
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"` // 件, 人, 元, 小时, 天, %
	// Refs are the records counted; a figure without records (an amount, a ratio) lists
	// the records it was computed from.
	Refs []Ref `json:"refs,omitempty"`
	// Level indents sub-figures under the one before (e.g. 罚款 under 行政处罚).
	Level int `json:"level,omitempty"`
	// Warn is set when the figure breaks a rule (e.g. reviewers under 5%).
	Warn string `json:"warn,omitempty"`
}

// Text formats the value with its unit: whole counts without decimals, money with two.
func (f Figure) Text() string {
	switch f.Unit {
	case "元":
		return formatYuan(f.Value) + " 元"
	case "小时":
		if f.Value > 0 && f.Value < 1 {
			return fmt.Sprintf("%.0f 分钟", f.Value*60) // a few short clips read better in minutes
		}
		return fmt.Sprintf("%.1f %s", f.Value, f.Unit)
	case "%", "天", "轮", "个工作日": // percentages and averages
		return fmt.Sprintf("%.1f %s", f.Value, f.Unit)
	}
	return fmt.Sprintf("%.0f %s", f.Value, f.Unit)
}

// formatYuan writes an amount with thousands separators, e.g. 1,234,567.00.
func formatYuan(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var out []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	if neg {
		return "-" + string(out) + frac
	}
	return string(out) + frac
}

// Table is one group of figures, e.g. the 行政处罚 table of the annual report.
type Table struct {
	Key     string   `json:"key"`
	Title   string   `json:"title"`
	Note    string   `json:"note,omitempty"`
	Figures []Figure `json:"figures"`
}

// ChartKind is how a chart is drawn.
type ChartKind string

const (
	ChartBars ChartKind = "bars" // grouped bars, one group per label
	ChartPie  ChartKind = "pie"  // one series, shares of the whole
)

// Chart is a picture of figures, drawn the same way on screen and in the PDF.
type Chart struct {
	Key    string    `json:"key"`
	Title  string    `json:"title"`
	Kind   ChartKind `json:"kind"`
	Labels []string  `json:"labels"` // x axis (bars) or slices (pie)
	Series []Series  `json:"series"`
	// Stacked bars put the series of a label on top of each other (totals per label).
	Stacked bool `json:"stacked,omitempty"`
	// Unit of the values; 件 when empty.
	Unit string `json:"unit,omitempty"`
}

// UnitOr is the chart's unit, 件 when none is set.
func (ch Chart) UnitOr() string {
	if ch.Unit == "" {
		return "件"
	}
	return ch.Unit
}

// Series is one row of values of a chart.
type Series struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

// Stats are the statistics of one period.
type Stats struct {
	Office   string      `json:"office"`
	Period   Period      `json:"period"`
	Label    string      `json:"label"`
	Computed time.Time   `json:"computed"`
	AsOf     domain.Date `json:"as_of"` // the day head counts (officers, certificates) refer to
	Tables   []Table     `json:"tables"`
	Charts   []Chart     `json:"charts,omitempty"`
}

// Table returns the table with key.
func (s Stats) Table(key string) (Table, bool) {
	for _, t := range s.Tables {
		if t.Key == key {
			return t, true
		}
	}
	return Table{}, false
}

// Figure returns the figure with key from any table.
func (s Stats) Figure(key string) (Figure, bool) {
	for _, t := range s.Tables {
		for _, f := range t.Figures {
			if f.Key == key {
				return f, true
			}
		}
	}
	return Figure{}, false
}

// Data is what the statistics count, read from the store once per computation. Each
// capability that adds a section adds the fields and the loader it needs.
type Data struct {
	Loc          *time.Location
	Now          time.Time
	Office       domain.Agency
	Officers     []domain.Officer
	Users        []domain.User
	Cases        []domain.Case
	Matters      map[uint64]domain.Matter
	Publications []domain.Publication // decided, published or withdrawn in the period
	Recordings   []domain.Recording   // made in the period
	// RecordedStages are the stages with a recording, for the closed cases of the period
	// that had stages to record.
	RecordedStages map[uint64]map[domain.Stage]bool
	SpotChecks     []domain.InspectionTask // 双随机 tasks
	SpotObjects    map[uint64]string       // names of the objects of the 检查对象名录库
	Reviews        []domain.Review         // the legal reviews of the cases
	ReviewCases    map[uint64]domain.Case  // the cases of the reviews
	Calendar       *workday.Calendar       // the office's working days (review time taken)
}

// loader fills part of Data from the store; loaders run by order (a loader may use what
// lower orders loaded).
type loader struct {
	order int
	load  func(st *store.Store, d *Data, p Period) error
}

// section builds one table (and its charts) for a period.
type section struct {
	key   string
	order int // position among tables
	build func(d *Data, p Period, asOf domain.Date) (Table, []Chart)
}

var (
	loaders  []loader
	sections []section
)

// addLoader and addSection register a capability's part of the statistics; each file
// calls them from a package-level var.
func addLoader(order int, load func(st *store.Store, d *Data, p Period) error) bool {
	loaders = append(loaders, loader{order, load})
	sort.SliceStable(loaders, func(i, j int) bool { return loaders[i].order < loaders[j].order })
	return true
}

func addSection(key string, order int, build func(d *Data, p Period, asOf domain.Date) (Table, []Chart)) bool {
	sections = append(sections, section{key, order, build})
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].order < sections[j].order })
	return true
}

var _ = addLoader(0, func(st *store.Store, d *Data, p Period) error {
	var err error
	if d.Office, _, err = st.Agency(); err != nil {
		return err
	}
	if d.Officers, err = st.Officers(); err != nil {
		return err
	}
	d.Users, err = st.Users()
	return err
})

// Load reads everything the statistics of period p count.
func Load(st *store.Store, p Period) (*Data, error) {
	d := &Data{Loc: time.Local, Now: st.Now()}
	for _, l := range loaders {
		if err := l.load(st, d, p); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Compute counts the statistics of period p from d.
func Compute(d *Data, p Period) Stats {
	asOf := p.To
	if today := domain.DateOf(d.Now.In(d.Loc)); today.Before(asOf) {
		asOf = today
	}
	s := Stats{Office: d.Office.Name, Period: p, Label: p.Label(), Computed: d.Now, AsOf: asOf}
	// sections only read d, so they are counted side by side on the office PC's cores
	tables := make([]Table, len(sections))
	charts := make([][]Chart, len(sections))
	var wg sync.WaitGroup
	for i, sec := range sections {
		wg.Go(func() {
			tables[i], charts[i] = sec.build(d, p, asOf)
			tables[i].Key = sec.key
		})
	}
	wg.Wait()
	s.Tables = tables
	for _, c := range charts {
		s.Charts = append(s.Charts, c...)
	}
	return s
}

// count makes a figure counting refs.
func count(key, label, unit string, refs []Ref) Figure {
	return Figure{Key: key, Label: label, Value: float64(len(refs)), Unit: unit, Refs: refs}
}
