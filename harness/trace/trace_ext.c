// SPDX-License-Identifier: MIT
/* trace_ext.c — the extended format: `[pid] R|W|X addr [value] [U|S]`.
 * The address is decimal or 0x hex; a write may name the byte it stores (0..255, or
 * -128..-1 as a signed char).  A write without a value stores what is there.  The
 * last column, when it is U or S (or u, s, as the kinds may be lower case), is the
 * privilege the access runs in; without it, U.  No line that read before reads
 * differently: a letter after the address was an error. */
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
    static const char names[] = "RWXrwx"; /* one array: two equal literals need not be one */
    const char *k = strchr(names, *t);
    return *t && k ? (int)((k - names) % 3) : -1;
}

static int whole_number(const char *t, size_t n, uint64_t *v)
{
    const char *p = t;
    return parse_number(&p, t + n, 0, v) == 0 && p == t + n ? 0 : -1;
}

static int priv_of(const char *t, size_t n)
{
    if (n != 1)
        return -1;
    static const char names[] = "USus"; /* PRIV_U, PRIV_S, in either case */
    const char *k = strchr(names, *t);
    return *t && k ? (int)((k - names) % 2) : -1;
}

int trace_parse_ext(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why)
{
    (void)page_bits;
    const char *p = s, *end = s + n, *tok[6];
    size_t len[6];
    int ntok = 0;
    while (ntok < 6 && (len[ntok] = token(&p, end, &tok[ntok])) > 0)
        ntok++;
    char q[QUOTE_BYTES];
    if (ntok == 6 || ntok < 2) {
        snprintf(why, WHY_BYTES, "expected '[pid] R|W|X addr [value] [U|S]', got '%s'", quote(q, s, n));
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
    /* The privilege is the last column after the address, if it is one; a value may
     * stand between them. */
    int priv = PRIV_U;
    if (i + 2 < ntok && priv_of(tok[ntok - 1], len[ntok - 1]) >= 0) {
        ntok--;
        priv = priv_of(tok[ntok], len[ntok]);
    }
    if (i + 3 < ntok) {
        const char *what = priv_of(tok[i + 2], len[i + 2]) >= 0
                               ? "the privilege (U or S) is the last column, after the value"
                               : "expected '[pid] R|W|X addr [value] [U|S]'";
        snprintf(why, WHY_BYTES, "%s, got '%s'", what, quote(q, s, n));
        return -1;
    }
    int has_value = i + 2 < ntok;
    if (has_value) {
        const char *v = tok[i + 2];
        size_t vl = len[i + 2];
        int neg = vl > 1 && v[0] == '-';
        if (priv_of(v, vl) >= 0) {
            snprintf(why, WHY_BYTES, "the privilege (U or S) is given twice, got '%s'", quote(q, s, n));
            return -1;
        }
        if (kind != ACCESS_WRITE) {
            snprintf(why, WHY_BYTES, "only a write (W) takes a value; after the address of %c only the"
                     " privilege U or S may follow, got '%s'", "RWX"[kind], quote(q, s, n));
            return -1;
        }
        if (whole_number(v + neg, vl - (size_t)neg, &value) != 0 || value > (neg ? 128u : 255u)) {
            snprintf(why, WHY_BYTES, "a written value is one byte (0..255 or -128..-1), got '%s'",
                     quote(q, v, vl));
            return -1;
        }
        if (neg)
            value = 256 - value;
    }
    *out = (access_rec){.addr = addr, .pid = (uint32_t)pid, .kind = (uint8_t)kind,
                       .has_value = (uint8_t)has_value, .value = (uint8_t)value, .priv = (uint8_t)priv};
    return 1;
}
