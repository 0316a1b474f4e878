// Runtime symbols that go-fitz's prebuilt MuPDF needs and Debian's MinGW-w64 lacks.
// See doc.go for why this file exists.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

// Newer MinGW-w64 headers expand setjmp(buf) to __intrinsic_setjmpex(buf, frame). The
// C runtime's _setjmpex takes the same two arguments (the jump buffer and the frame to
// unwind to), so the symbol simply jumps there: setjmp must not get a stack frame of its
// own, or longjmp would return into a frame that no longer exists.
__asm__(
	".text\n"
	".globl __intrinsic_setjmpex\n"
	".def __intrinsic_setjmpex; .scl 2; .type 32; .endef\n"
	"__intrinsic_setjmpex:\n"
	"\tjmp _setjmpex\n");

// __chk_fail ends the program when a fortified function would have overflowed its
// destination: better to stop than to write past the buffer.
void __chk_fail(void) {
	static const char msg[] = "LawDesk: buffer overflow detected in a C library, stopping.\n";
	HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
	if (err != NULL && err != INVALID_HANDLE_VALUE) {
		DWORD written;
		WriteFile(err, msg, sizeof msg - 1, &written, NULL);
	}
	abort();
}

void *__memcpy_chk(void *dst, const void *src, size_t n, size_t dstlen) {
	if (n > dstlen) __chk_fail();
	return memcpy(dst, src, n);
}

void *__memmove_chk(void *dst, const void *src, size_t n, size_t dstlen) {
	if (n > dstlen) __chk_fail();
	return memmove(dst, src, n);
}

void *__memset_chk(void *dst, int c, size_t n, size_t dstlen) {
	if (n > dstlen) __chk_fail();
	return memset(dst, c, n);
}

char *__strcat_chk(char *dst, const char *src, size_t dstlen) {
	size_t have = strnlen(dst, dstlen);
	size_t add = strlen(src);
	if (have == dstlen || add >= dstlen - have) __chk_fail();
	memcpy(dst + have, src, add + 1);
	return dst;
}

// Stack protection (-fstack-protector-strong): functions compare this canary on return
// and call __stack_chk_fail when it was overwritten. It gets a per-process random value
// before any Go code calls into MuPDF.
uintptr_t __stack_chk_guard = (uintptr_t)0x2f8a6b1d93c4e507ULL;

void __stack_chk_fail(void) {
	static const char msg[] = "LawDesk: stack corruption detected in a C library, stopping.\n";
	HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
	if (err != NULL && err != INVALID_HANDLE_VALUE) {
		DWORD written;
		WriteFile(err, msg, sizeof msg - 1, &written, NULL);
	}
	abort();
}

__attribute__((constructor, optimize("no-stack-protector")))
static void mingwcompat_init_stack_guard(void) {
	LARGE_INTEGER t;
	QueryPerformanceCounter(&t);
	uintptr_t g = (uintptr_t)t.QuadPart ^ ((uintptr_t)GetCurrentProcessId() << 32) ^
		(uintptr_t)GetTickCount64() ^ (uintptr_t)&t;
	if (g != 0) __stack_chk_guard ^= g;
}
