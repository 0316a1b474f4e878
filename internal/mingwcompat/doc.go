// Package mingwcompat lets the Windows build of LawDesk link with Debian's MinGW-w64.
//
// go-fitz ships MuPDF as a prebuilt static library (libmupdf_windows_amd64.a) that was
// compiled with a newer MinGW-w64 toolchain and with _FORTIFY_SOURCE. It refers to a few
// C runtime symbols that Debian 12's gcc-mingw-w64-x86-64 (mingw-w64 10) does not provide:
// __intrinsic_setjmpex (newer headers' setjmp), the fortified string functions
// __memcpy_chk, __memmove_chk, __memset_chk, __strcat_chk and their failure handler
// __chk_fail, and, where stack protection was enabled, __stack_chk_fail and
// __stack_chk_guard. Without them the link of lawdesk.exe fails with "undefined
// reference". This package defines them in C, with the same meaning as in newer
// runtimes: the checked functions verify the destination size and abort the program on
// an overflow instead of corrupting memory.
//
// It does nothing on other systems and is imported, for its side effect only, from a
// Windows-only file of package main (app/mingwcompat_windows.go). It can go away once the
// cross-compiler used for releases provides these symbols itself.
package mingwcompat
