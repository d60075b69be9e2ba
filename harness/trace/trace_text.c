// SPDX-License-Identifier: MIT
/* trace_text.c — the textbook's format: one address per line, decimal or 0x hex. */
#include <stdio.h>

#include "harness/base/number.h"
#include "harness/base/quote.h"
#include "harness/trace/trace.h"
#include "model/types.h"

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

int trace_parse_text(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why)
{
    (void)page_bits;
    const char *end = s + n, *p = skip_space(s, end);
    uint64_t v;
    char q[QUOTE_BYTES];
    if (p < end && *p == '-') {
        snprintf(why, WHY_BYTES, "negative address '%s'", quote(q, s, n));
        return -1;
    }
    if (parse_number(&p, end, 0, &v) != 0 || skip_space(p, end) != end) {
        snprintf(why, WHY_BYTES, "expected one address (decimal or 0x hex), got '%s'", quote(q, s, n));
        return -1;
    }
    *out = (access_rec){.addr = v, .kind = ACCESS_READ};
    return 1;
}
