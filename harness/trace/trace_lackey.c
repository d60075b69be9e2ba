// SPDX-License-Identifier: MIT
/* trace_lackey.c — Valgrind lackey (`--tool=lackey --trace-mem=yes`):
 *   I  04010173,3     instruction fetch      -> execute
 *    L 04222cac,8     load                   -> read
 *    S 04222cac,8     store                  -> write (of the byte already there)
 *    M 0421ff80,4     modify                 -> read, then write
 * lackey's own `==PID==` lines are skipped.  An access that crosses page boundaries
 * touches every page it covers: it is split into one access per page (the first at
 * the access's address, the others at their page's start). */
#include <stdio.h>

#include "harness/base/number.h"
#include "harness/base/quote.h"
#include "harness/trace/trace.h"
#include "model/types.h"

int trace_parse_lackey(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why)
{
    const char *p = s, *end = s + n;
    char q[QUOTE_BYTES];
    if (n >= 2 && s[0] == '=' && s[1] == '=')
        return 0;
    while (p < end && *p == ' ')
        p++;
    char op = p < end ? *p++ : 0;
    if (op != 'I' && op != 'L' && op != 'S' && op != 'M') {
        snprintf(why, WHY_BYTES, "expected a lackey line (I, L, S or M), got '%s'", quote(q, s, n));
        return -1;
    }
    while (p < end && *p == ' ')
        p++;
    uint64_t addr, size;
    if (parse_number(&p, end, 16, &addr) != 0 || p >= end || *p++ != ',' ||
        parse_number(&p, end, 10, &size) != 0 || p != end || size == 0 || size > 4096) {
        snprintf(why, WHY_BYTES, "expected 'ADDR,SIZE' (hex address, size 1..4096), got '%s'", quote(q, s, n));
        return -1;
    }
    uint64_t page = (uint64_t)1 << page_bits;
    uint64_t last = addr + size - 1;
    if (last < addr)
        last = UINT64_MAX; /* wraps at the top of the address space: stop there */
    int pages = (int)((last >> page_bits) - (addr >> page_bits)) + 1;
    static const uint8_t kinds_of[4][2] = {{ACCESS_EXEC}, {ACCESS_READ}, {ACCESS_WRITE},
                                           {ACCESS_READ, ACCESS_WRITE}};
    int which = op == 'I' ? 0 : op == 'L' ? 1 : op == 'S' ? 2 : 3;
    int nk = which == 3 ? 2 : 1, k = 0;
    for (int i = 0; i < nk; i++)
        for (int pg = 0; pg < pages; pg++)
            out[k++] = (access_rec){.addr = pg ? (addr & ~(page - 1)) + (uint64_t)pg * page : addr,
                                   .kind = kinds_of[which][i]};
    return k;
}
