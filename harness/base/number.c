// SPDX-License-Identifier: MIT
/* number.c — the numbers of the input files: trace addresses, maps ranges. */
#include "harness/base/number.h"

int parse_number(const char **s, const char *end, int base, uint64_t *v)
{
    const char *p = *s;
    if (base == 0) {
        base = 10;
        if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            base = 16;
            p += 2;
        }
    }
    uint64_t x = 0;
    const char *start = p;
    if (base == 10) {
        for (; p < end && (unsigned)(*p - '0') < 10; p++) {
            unsigned d = (unsigned)(*p - '0');
            if (x > (UINT64_MAX - d) / 10)
                return -1;
            x = x * 10 + d;
        }
        if (p == start)
            return -1;
        *v = x;
        *s = p;
        return 0;
    }
    for (; p < end; p++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (base == 16 && *p >= 'a' && *p <= 'f')
            d = (unsigned)(*p - 'a' + 10);
        else if (base == 16 && *p >= 'A' && *p <= 'F')
            d = (unsigned)(*p - 'A' + 10);
        else
            break;
        if (x > (UINT64_MAX - d) / (unsigned)base)
            return -1;
        x = x * (unsigned)base + d;
    }
    if (p == start)
        return -1;
    *v = x;
    *s = p;
    return 0;
}
