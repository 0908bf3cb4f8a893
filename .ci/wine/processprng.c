/*
 * Test shim for Debian's wine 8.0, whose bcryptprimitives.dll lacks
 * ProcessPrng, which Go's runtime calls at start on Windows 10 and later.
 * Built with mingw into the test wine prefix only (see .ci/windows-test);
 * it is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
