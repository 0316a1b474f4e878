// A stand-in bcryptprimitives.dll for testing LawDesk under wine, not shipped to users.
//
// Go 1.24 and later take random numbers from bcryptprimitives.dll!ProcessPrng, which every
// Windows 10/11 has but Debian 12's wine 8 does not. packaging/test.sh builds this DLL with
// MinGW-w64 and puts it into the test wine prefix's system32; it answers ProcessPrng with
// RtlGenRandom (advapi32!SystemFunction036), which wine does provide.
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
	while (size > 0) {
		ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (!SystemFunction036(data, chunk)) return FALSE;
		data += chunk;
		size -= chunk;
	}
	return TRUE;
}
