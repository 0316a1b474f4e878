//go:build windows

package media

import (
	"golang.org/x/sys/windows"
)

// RemovableDrives lists the drive letters Windows reports as removable (DRIVE_REMOVABLE:
// USB sticks, card readers and body cameras in mass-storage mode), with volume labels.
// The list is a suggestion for the import screen; the user can always pick any folder.
func RemovableDrives() []Drive {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil
	}
	// Do not let Windows pop up "insert a disk" for an empty card reader slot.
	old := windows.SetErrorMode(windows.SEM_FAILCRITICALERRORS)
	defer windows.SetErrorMode(old)
	var out []Drive
	for i := 0; i < 26; i++ {
		if mask&(1<<uint(i)) == 0 {
			continue
		}
		root := string(rune('A'+i)) + `:\`
		p, err := windows.UTF16PtrFromString(root)
		if err != nil {
			continue
		}
		if windows.GetDriveType(p) != windows.DRIVE_REMOVABLE {
			continue
		}
		d := Drive{Path: root, Label: root}
		var label, fs [windows.MAX_PATH + 1]uint16
		if err := windows.GetVolumeInformation(p, &label[0], uint32(len(label)), nil, nil, nil, &fs[0], uint32(len(fs))); err != nil {
			continue // no medium in the slot
		}
		if l := windows.UTF16ToString(label[:]); l != "" {
			d.Label = l
		}
		d.FSType = windows.UTF16ToString(fs[:])
		out = append(out, d)
	}
	return out
}

// hiddenAttr reports whether path has the Windows hidden or system attribute.
func hiddenAttr(path string) bool {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	a, err := windows.GetFileAttributes(p)
	if err != nil {
		return false
	}
	return a&(windows.FILE_ATTRIBUTE_HIDDEN|windows.FILE_ATTRIBUTE_SYSTEM) != 0
}
