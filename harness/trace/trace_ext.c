// SPDX-License-Identifier: MIT
/* trace_ext.c — the extended format: `[pid] R|W|X addr [value]`.
 * The address is decimal or 0x hex; a write may name the byte it stores (0..255, or
 * -128..-1 as a signed char).  A write without a value stores what is there. */
#include <stdio.h>
#include <string.h>

#include "harness/base/number.h"
#include "harness/base/quote.h"
#include "harness/trace/trace.h"
#include "model/types.h"

/* The next whitespace-separated token; returns its length (0 at the end). */
static size_t token(const char **p, const char *end, const char **tok)
{
    while (*p < end && (**p == ' ' || **p == '\t'))
        (*p)++;
    *tok = *p;
    while (*p < end && **p != ' ' && **p != '\t')
        (*p)++;
    return (size_t)(*p - *tok);
}

static int kind_of(const char *t, size_t n)
{
    if (n != 1)
        return -1;
    const char *k = strchr("RWXrwx", *t);
    return *t && k ? (int)((k - "RWXrwx") % 3) : -1;
}

static int whole_number(const char *t, size_t n, uint64_t *v)
{
    const char *p = t;
    return parse_number(&p, t + n, 0, v) == 0 && p == t + n ? 0 : -1;
}

int trace_parse_ext(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why)
{
    (void)page_bits;
    const char *p = s, *end = s + n, *tok[5];
    size_t len[5];
    int ntok = 0;
    while (ntok < 5 && (len[ntok] = token(&p, end, &tok[ntok])) > 0)
        ntok++;
    char q[QUOTE_BYTES];
    if (ntok == 5 || ntok < 2) {
        snprintf(why, WHY_BYTES, "expected '[pid] R|W|X addr [value]', got '%s'", quote(q, s, n));
        return -1;
    }
    int i = 0;
    uint64_t pid = 0, addr, value = 0;
    if (kind_of(tok[0], len[0]) < 0) {
        if (whole_number(tok[0], len[0], &pid) != 0 || pid > UINT32_MAX) {
            snprintf(why, WHY_BYTES, "'%s' is neither a pid nor R, W or X", quote(q, tok[0], len[0]));
            return -1;
        }
        i = 1;
    }
    int kind = i < ntok ? kind_of(tok[i], len[i]) : -1;
    if (kind < 0) {
        snprintf(why, WHY_BYTES, "expected R, W or X, got '%s'", quote(q, s, n));
        return -1;
    }
    if (i + 1 >= ntok || whole_number(tok[i + 1], len[i + 1], &addr) != 0) {
        snprintf(why, WHY_BYTES, "expected an address after %c, got '%s'", "RWX"[kind], quote(q, s, n));
        return -1;
    }
    int has_value = i + 2 < ntok;
    if (has_value) {
        const char *v = tok[i + 2];
        size_t vl = len[i + 2];
        int neg = vl > 1 && v[0] == '-';
        if (kind != ACCESS_WRITE) {
            snprintf(why, WHY_BYTES, "only a write (W) takes a value, got '%s'", quote(q, s, n));
            return -1;
        }
        if (whole_number(v + neg, vl - (size_t)neg, &value) != 0 || value > (neg ? 128u : 255u) ||
            i + 3 < ntok) {
            snprintf(why, WHY_BYTES, "a written value is one byte (0..255 or -128..-1), got '%s'",
                     quote(q, v, vl));
            return -1;
        }
        if (neg)
            value = 256 - value;
    }
    *out = (access_rec){.addr = addr, .pid = (uint32_t)pid, .kind = (uint8_t)kind,
                       .has_value = (uint8_t)has_value, .value = (uint8_t)value};
    return 1;
}
