package media

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// mount is one line of /proc/mounts.
type mount struct{ dir, fstype string }

// parseMounts reads /proc/mounts syntax (device dir fstype options …), undoing the octal
// escapes (\040 for a space) used in mount points.
func parseMounts(r io.Reader) map[string]mount {
	out := map[string]mount{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		dir := unescapeMount(f[1])
		out[dir] = mount{dir: dir, fstype: f[2]}
	}
	return out
}

func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unixDrives lists the directories matching globs; when mounts is non-nil only those that
// are mount points are kept (a folder under /media that is not mounted is an empty stub).
func unixDrives(globs []string, mounts map[string]mount) []Drive {
	seen := map[string]bool{}
	var out []Drive
	for _, g := range globs {
		ms, _ := filepath.Glob(g)
		for _, p := range ms {
			if seen[p] {
				continue
			}
			fi, err := os.Stat(p)
			if err != nil || !fi.IsDir() {
				continue
			}
			d := Drive{Path: p, Label: filepath.Base(p)}
			if mounts != nil {
				m, ok := mounts[p]
				if !ok {
					continue
				}
				d.FSType = m.fstype
			}
			seen[p] = true
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
