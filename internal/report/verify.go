package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"lawdesk/internal/domain"
)

// Limits that keep verify-bundle safe on a hostile file: it never extracts anything, reads
// each entry at most to its declared size (archive/zip enforces that), and refuses archives
// that claim far more data than their size can hold (zip bombs).
const (
	maxEntries      = 2_000_000
	maxTagFile      = 256 << 20 // bag-info, manifests
	maxRatio        = 200       // uncompressed / compressed for one entry over maxRatioFloor
	maxRatioFloor   = 64 << 20
	maxChainProblem = 50 // chain problems listed one by one; the rest are counted
)

// BundleReport is what verify-bundle found.
type BundleReport struct {
	File     string
	Bag      string      // the bag's folder inside the zip
	Info     []InfoField // bag-info.txt
	Files    int         // payload files checked
	Bytes    int64       // their size
	Chain    *ChainSegment
	Problems []string // every problem, each naming its file
}

// OK reports whether the bundle is complete and unchanged.
func (r BundleReport) OK() bool { return len(r.Problems) == 0 }

// InfoValue returns the first bag-info value with label.
func (r BundleReport) InfoValue(label string) string {
	for _, f := range r.Info {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

type verifier struct {
	rep      *BundleReport
	entries  map[string]*zip.File // by path relative to the bag
	problems []string
}

func (v *verifier) problem(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// VerifyBundle checks a BagIt bundle completely: every checksum in both manifests, the
// Payload-Oxum, that nothing is missing and nothing extra is present, and the audit-chain
// segment of a LawDesk bundle. It reports every problem, not only the first. An error is
// returned only when the file cannot be read as a bag at all.
func VerifyBundle(ctx context.Context, file string, progress func(done, total int64)) (BundleReport, error) {
	rep := BundleReport{File: file}
	zr, err := zip.OpenReader(file)
	if errors.Is(err, os.ErrNotExist) {
		return rep, domain.Errorf(domain.ENOTFOUND, "找不到文件 %s。请检查文件名和路径。", file)
	}
	if err != nil {
		return rep, domain.Errorf(domain.EINVALID, "%s 不是完整的 zip 文件，无法校验（文件可能没有复制完整）。", path.Base(file))
	}
	defer zr.Close()
	if len(zr.File) > maxEntries {
		return rep, domain.Errorf(domain.EINVALID, "%s 中的文件多得不合理（%d 个），不像是数据包，已停止校验。", path.Base(file), len(zr.File))
	}
	fi, err := os.Stat(file)
	if err != nil {
		return rep, err
	}
	v := &verifier{rep: &rep, entries: map[string]*zip.File{}}
	if err := v.index(zr, fi.Size()); err != nil {
		return rep, err
	}

	// tag files
	if data, ok := v.readTag(bagitFile); ok {
		v.checkBagit(data)
	}
	if data, ok := v.readTag(bagInfoFile); ok {
		rep.Info = v.parseInfo(data)
	}
	manifest := v.readManifest(manifestFile, true)
	tagManifest := v.readManifest(tagManifestFile, false)
	v.checkComment(zr.Comment)

	// every file: listed, present, unchanged
	var total, done int64
	for rel, f := range v.entries {
		if _, listed := manifest[rel]; listed || strings.HasPrefix(rel, payloadDir) {
			total += int64(f.UncompressedSize64)
		}
	}
	names := make([]string, 0, len(v.entries))
	for rel := range v.entries {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		if err := ctx.Err(); err != nil {
			return rep, domain.Wrap(err, domain.ECONFLICT, "校验已取消。")
		}
		f := v.entries[rel]
		want, inPayload := manifest[rel]
		wantTag, inTags := tagManifest[rel]
		switch {
		case strings.HasPrefix(rel, payloadDir) && !inPayload:
			v.problem("多余文件：%s（数据包清单 %s 中没有它）", rel, manifestFile)
		case !strings.HasPrefix(rel, payloadDir) && !inTags && rel != tagManifestFile:
			v.problem("多余文件：%s（不属于数据包）", rel)
		case inPayload:
			sum, n, err := hashEntry(ctx, f, func(k int64) {
				if progress != nil {
					progress(done+k, total)
				}
			})
			done += int64(f.UncompressedSize64)
			if err != nil {
				v.problem("文件无法读取：%s（%v）", rel, err)
				continue
			}
			rep.Files++
			rep.Bytes += n
			if sum != want {
				v.problem("文件已被改动：%s（SHA-256 与清单不符）", rel)
			}
		case inTags:
			sum, _, err := hashEntry(ctx, f, nil)
			if err != nil {
				v.problem("文件无法读取：%s（%v）", rel, err)
			} else if sum != wantTag {
				v.problem("文件已被改动：%s（SHA-256 与 %s 不符）", rel, tagManifestFile)
			}
		}
	}
	for _, list := range []struct {
		name  string
		files map[string]string
	}{{manifestFile, manifest}, {tagManifestFile, tagManifest}} {
		var missing []string
		for rel := range list.files {
			if v.entries[rel] == nil {
				missing = append(missing, rel)
			}
		}
		sort.Strings(missing)
		for _, rel := range missing {
			v.problem("缺少文件：%s（%s 中列出，数据包里没有）", rel, list.name)
		}
	}
	v.checkOxum(rep.InfoValue("Payload-Oxum"))
	rep.Chain = v.checkChain(ctx)
	rep.Problems = v.problems
	return rep, nil
}

// index finds the bag folder, lists the entries relative to it, and reports unsafe paths,
// duplicate names, entries outside the bag and entries that could be zip bombs.
func (v *verifier) index(zr *zip.ReadCloser, zipSize int64) error {
	var total uint64
	roots := map[string]bool{}
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := f.Name
		if !safePath(name) {
			v.problem("不安全的路径：%q（已忽略，未读取）", name)
			continue
		}
		root, _, _ := strings.Cut(name, "/")
		roots[root] = true
	}
	if total > uint64(zipSize)*maxRatio+maxRatioFloor {
		return domain.Errorf(domain.EINVALID, "%s 声称解压后有 %s，远大于它本身的大小（%s）：可能是恶意构造的压缩包，已停止校验。",
			path.Base(v.rep.File), humanSize(int64(min(total, 1<<62))), humanSize(zipSize))
	}
	for r := range roots {
		for _, f := range zr.File {
			if f.Name == r+"/"+bagitFile {
				v.rep.Bag = r
			}
		}
	}
	if v.rep.Bag == "" {
		return domain.Errorf(domain.EINVALID, "%s 不是 BagIt 数据包（压缩包里没有 %s/%s）。请选择 LawDesk 导出的年度数据包。", path.Base(v.rep.File), "<数据包名>", bagitFile)
	}
	others := make([]string, 0, len(roots))
	for r := range roots {
		if r != v.rep.Bag {
			others = append(others, r)
		}
	}
	sort.Strings(others)
	for _, r := range others {
		v.problem("多余文件：%s（在数据包文件夹 %s 之外）", r, v.rep.Bag)
	}
	prefix := v.rep.Bag + "/"
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, prefix) || !safePath(f.Name) || strings.HasSuffix(f.Name, "/") {
			continue
		}
		rel := strings.TrimPrefix(f.Name, prefix)
		if v.entries[rel] != nil {
			v.problem("文件重复：%s 在压缩包中出现了不止一次", rel)
			continue
		}
		if f.UncompressedSize64 > maxRatioFloor && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxRatio {
			v.problem("可疑文件：%s 压缩比异常（%s 压缩成 %s），可能是压缩炸弹，已跳过", rel,
				humanSize(int64(f.UncompressedSize64)), humanSize(int64(f.CompressedSize64)))
			continue
		}
		v.entries[rel] = f
	}
	return nil
}

// safePath accepts only relative, forward-slash paths without . or .. parts: nothing in
// a bundle may point outside it when someone unpacks it.
func safePath(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
		return false
	}
	if len(name) >= 2 && name[1] == ':' {
		return false
	}
	for _, part := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// readTag reads a small tag file, reporting it when absent.
func (v *verifier) readTag(name string) ([]byte, bool) {
	f := v.entries[name]
	if f == nil {
		v.problem("缺少文件：%s（BagIt 数据包必需）", name)
		return nil, false
	}
	if f.UncompressedSize64 > maxTagFile {
		v.problem("文件大得不合理：%s（%s）", name, humanSize(int64(f.UncompressedSize64)))
		return nil, false
	}
	r, err := f.Open()
	if err != nil {
		v.problem("文件无法读取：%s（%v）", name, err)
		return nil, false
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxTagFile))
	if err != nil {
		v.problem("文件无法读取：%s（%v）", name, err)
		return nil, false
	}
	return data, true
}

func (v *verifier) checkBagit(data []byte) {
	text := string(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if !strings.Contains(text, "BagIt-Version:") || !strings.Contains(text, "Tag-File-Character-Encoding:") {
		v.problem("%s 内容不对：缺少 BagIt-Version 或 Tag-File-Character-Encoding", bagitFile)
	}
}

// parseInfo reads bag-info.txt: "Label: value" lines, continued by lines that start with
// white space.
func (v *verifier) parseInfo(data []byte) []InfoField {
	var out []InfoField
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && len(out) > 0 {
			out[len(out)-1].Value += " " + strings.TrimSpace(line)
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(label) == "" {
			v.problem("%s 第 %d 行格式不对：%q", bagInfoFile, i+1, line)
			continue
		}
		out = append(out, InfoField{strings.TrimSpace(label), strings.TrimSpace(value)})
	}
	return out
}

// readManifest parses a manifest into path → lower-case hex SHA-256.
func (v *verifier) readManifest(name string, payload bool) map[string]string {
	out := map[string]string{}
	data, ok := v.readTag(name)
	if !ok {
		return out
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		sum, rel, ok := strings.Cut(line, " ")
		rel = decodePath(strings.TrimLeft(rel, " \t"))
		switch {
		case !ok || len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "":
			v.problem("%s 第 %d 行格式不对：%q", name, n, line)
			continue
		case !safePath(rel):
			v.problem("%s 第 %d 行的路径不安全：%q", name, n, rel)
			continue
		case payload && !strings.HasPrefix(rel, payloadDir):
			v.problem("%s 第 %d 行列出的文件不在 data/ 下：%s", name, n, rel)
			continue
		case !payload && (strings.HasPrefix(rel, payloadDir) || rel == tagManifestFile):
			v.problem("%s 第 %d 行列出的不是标签文件：%s", name, n, rel)
			continue
		}
		if _, dup := out[rel]; dup {
			v.problem("%s 中 %s 列出了两次", name, rel)
		}
		out[rel] = sum
	}
	return out
}

// checkComment compares the tag manifest with the hash LawDesk writes into the zip
// comment, so even a changed tag manifest is caught (BagIt itself lists no hash of it).
func (v *verifier) checkComment(comment string) {
	const key = tagManifestFile + " sha256="
	i := strings.Index(comment, key)
	if i < 0 {
		return // not a LawDesk bundle, or a plain BagIt tool rezipped it
	}
	want := strings.TrimSpace(comment[i+len(key):])
	if f := v.entries[tagManifestFile]; f != nil {
		if sum, _, err := hashEntry(context.Background(), f, nil); err == nil && sum != want {
			v.problem("文件已被改动：%s（SHA-256 与压缩包注释中记录的不符）", tagManifestFile)
		}
	}
}

// checkOxum compares Payload-Oxum ("octets.count") with what was found.
func (v *verifier) checkOxum(oxum string) {
	if oxum == "" {
		return
	}
	a, b, ok := strings.Cut(oxum, ".")
	octets, err1 := strconv.ParseInt(a, 10, 64)
	count, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		v.problem("%s 中的 Payload-Oxum 格式不对：%q", bagInfoFile, oxum)
		return
	}
	var have int64
	files := 0
	for rel, f := range v.entries {
		if strings.HasPrefix(rel, payloadDir) {
			have += int64(f.UncompressedSize64)
			files++
		}
	}
	if have != octets || files != count {
		v.problem("数据总量与 %s 不符：应为 %d 个文件共 %d 字节，实际 %d 个文件共 %d 字节", bagInfoFile, count, octets, files, have)
	}
}

func hashEntry(ctx context.Context, f *zip.File, progress func(int64)) (string, int64, error) {
	r, err := f.Open()
	if err != nil {
		return "", 0, err
	}
	defer r.Close()
	h := sha256.New()
	buf := make([]byte, 1<<20)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return "", n, err
		}
		k, err := r.Read(buf)
		h.Write(buf[:k])
		n += int64(k)
		if progress != nil && k > 0 {
			progress(n)
		}
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil)), n, nil
		}
		if err != nil {
			return "", n, err
		}
	}
}
