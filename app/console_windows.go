package main

import (
	"os"
	"syscall"
)

// attachConsole lets subcommands print in cmd or PowerShell. lawdesk.exe is a GUI program,
// so double-clicking it opens no console window; for the same reason Windows gives it no
// console when it is typed at a prompt. It then borrows the prompt's console. Output that
// is redirected to a file or a pipe is left as it is; started from Explorer there is no
// console to borrow and nothing changes.
func attachConsole() {
	if stdHandleValid(syscall.STD_OUTPUT_HANDLE) {
		return
	}
	const attachParentProcess = ^uint32(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(uintptr(attachParentProcess)); ok == 0 {
		return
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout = out
		if !stdHandleValid(syscall.STD_ERROR_HANDLE) {
			os.Stderr = out
		}
	}
	if !stdHandleValid(syscall.STD_INPUT_HANDLE) {
		if in, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
			os.Stdin = in
		}
	}
}

func stdHandleValid(which int) bool {
	h, err := syscall.GetStdHandle(which)
	return err == nil && h != 0 && h != syscall.InvalidHandle
}
