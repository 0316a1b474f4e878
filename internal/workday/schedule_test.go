package workday_test

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"lawdesk/internal/domain"
	"lawdesk/internal/workday"
	"lawdesk/resources"
)

// Every embedded file parses, and exporting then importing it gives the same schedule
// with the same days as the original file.
func TestScheduleRoundTripEmbedded(t *testing.T) {
	files, err := fs.Glob(resources.Holidays, "holiday/*.json")
	if err != nil || len(files) < 8 {
		t.Fatalf("embedded schedules: %v, %v", files, err)
	}
	for _, name := range files {
		data, err := fs.ReadFile(resources.Holidays, name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := workday.ParseSchedule(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		back, err := workday.ParseSchedule(out)
		if err != nil {
			t.Fatalf("%s: re-import: %v\n%s", name, err, out)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip changed the schedule", name)
		}
		// Compare with the original file's own fields, ignoring $schema and $id.
		var orig, exported struct {
			Year   int               `json:"year"`
			Papers []string          `json:"papers"`
			Days   []json.RawMessage `json:"days"`
		}
		if json.Unmarshal(data, &orig) != nil || json.Unmarshal(out, &exported) != nil {
			t.Fatal("cannot decode for comparison")
		}
		if orig.Year != exported.Year || !reflect.DeepEqual(orig.Papers, exported.Papers) || len(orig.Days) != len(exported.Days) {
			t.Errorf("%s: export differs from the original", name)
		}
		for i := range orig.Days {
			var a, b map[string]any
			json.Unmarshal(orig.Days[i], &a)
			json.Unmarshal(exported.Days[i], &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: day %d: exported %v, original %v", name, i+1, b, a)
			}
		}
	}
}

func TestParseScheduleFields(t *testing.T) {
	s, err := workday.ParseSchedule([]byte(`{
		"$schema": "ignored", "extra": {"nested": true},
		"year": 2030,
		"days": [
			{"name": " 国庆节 ", "date": "2030-10-02", "isOffDay": true, "note": "unknown fields are fine"},
			{"name": "国庆节", "date": "2030/10/12", "isOffDay": false},
			{"name": "元旦", "date": "2029-12-31", "isOffDay": true}
		]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := workday.Schedule{Year: 2030, Days: []workday.Day{
		{Date: domain.NewDate(2029, 12, 31), Name: "元旦", OffDay: true},
		{Date: domain.NewDate(2030, 10, 2), Name: "国庆节", OffDay: true},
		{Date: domain.NewDate(2030, 10, 12), Name: "国庆节", OffDay: false},
	}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
	out, _ := json.Marshal(s)
	if !strings.Contains(string(out), `"papers":[]`) || !strings.Contains(string(out), `{"name":"元旦","date":"2029-12-31","isOffDay":true}`) {
		t.Errorf("export = %s", out)
	}
}

func TestParseScheduleErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json, msg string
	}{
		{"not JSON", "{\n\"year\": 2030,\n\"days\": [\n{\"name\": \"元旦\" \"date\": \"2030-01-01\"}]}", "第 4 行附近"},
		{"empty file", "", "不是有效的 JSON"},
		{"a list", "[1]", "内容应为一个对象"},
		{"wrong type", "{\"year\": \"2030\", \"days\": []}", "year 类型不对（应为 整数）"},
		{"isOffDay as text", "{\"year\": 2030,\n\"days\": [{\"name\": \"元旦\", \"date\": \"2030-01-01\", \"isOffDay\": \"yes\"}]}", "第 2 行附近的 days.isOffDay 类型不对（应为 true 或 false）"},
		{"missing year", `{"days": []}`, "缺少 year"},
		{"missing days", `{"year": 2030}`, "2030 年节假日文件缺少 days"},
		{"no days", `{"year": 2030, "days": []}`, "没有列出任何放假或调休上班的日期"},
		{"silly year", `{"year": 20300, "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}`, "年份 20300 不正确"},
		{"bad date", `{"year": 2030, "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}, {"name": "春节", "date": "2030-02-30", "isOffDay": true}]}`,
			"2030 年节假日文件第 2 项：日期“2030-02-30”无效：2030年2月只有28天"},
		{"missing date", `{"year": 2030, "days": [{"name": "春节", "isOffDay": true}]}`, "第 1 项（春节）缺少 date"},
		{"missing isOffDay", `{"year": 2030, "days": [{"name": "春节", "date": "2030-02-03"}]}`, "第 1 项（2030-02-03）缺少 isOffDay"},
		{"missing name", `{"year": 2030, "days": [{"name": " ", "date": "2030-02-03", "isOffDay": true}]}`, "第 1 项（2030-02-03）缺少节日名称"},
		{"wrong year", `{"year": 2030, "days": [{"name": "国庆节", "date": "2031-10-01", "isOffDay": true}]}`, "第 1 项的日期 2031-10-01 不属于 2030 年"},
		{"previous year, not December", `{"year": 2030, "days": [{"name": "国庆节", "date": "2029-10-01", "isOffDay": true}]}`, "2029-10-01 不属于 2030 年"},
		{"duplicate", `{"year": 2030, "days": [
			{"name": "国庆节", "date": "2030-10-01", "isOffDay": true},
			{"name": "国庆节", "date": "2030-10-02", "isOffDay": true},
			{"name": "国庆节", "date": "2030-10-1", "isOffDay": false}]}`, "第 3 项与第 1 项的日期重复（2030-10-01）"},
	} {
		_, err := workday.ParseSchedule([]byte(tc.json))
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: code %v, want EINVALID", tc.name, domain.ErrorCode(err))
		}
		if msg := domain.ErrorMessage(err); !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: message %q, want it to contain %q", tc.name, msg, tc.msg)
		}
	}
}

func TestScheduleValidate(t *testing.T) {
	good := workday.Schedule{Year: 2030, Days: []workday.Day{{Date: domain.NewDate(2030, 1, 1), Name: "元旦", OffDay: true}}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := good
	bad.Days = []workday.Day{{Date: domain.Date{Year: 2030, Month: 2, Day: 30}, Name: "春节", OffDay: true}}
	if err := bad.Validate(); err == nil || !strings.Contains(domain.ErrorMessage(err), "第 1 项的日期无效") {
		t.Errorf("invalid date: %v", err)
	}
}

func TestUnmarshalIntoStruct(t *testing.T) {
	// Schedules embedded in other JSON (e.g. an export bundle) use the same format.
	var wrap struct {
		Schedule workday.Schedule `json:"schedule"`
	}
	err := json.Unmarshal([]byte(`{"schedule": {"year": 2030, "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}}`), &wrap)
	if err != nil || wrap.Schedule.Year != 2030 || len(wrap.Schedule.Days) != 1 {
		t.Errorf("got %+v, %v", wrap, err)
	}
}
