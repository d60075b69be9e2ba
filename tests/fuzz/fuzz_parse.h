// SPDX-License-Identifier: MIT
/* fuzz_parse.h — the body shared by the three line-parser targets
 * (fuzz_trace_text.c, fuzz_trace_ext.c, fuzz_trace_lackey.c).
 *
 * The input is one line as the reader hands it to a parser: the bytes without the
 * end-of-line, in a buffer of exactly that size.  Each parser runs with the page
 * sizes of the presets (256 B and 4 KiB), and its answer is checked: -1 with a
 * non-empty, terminated reason; or 0..4 records, each a valid access kind.  A
 * format's own properties are checked by the target's `check` function.
 */
#ifndef VMMU_FUZZ_PARSE_H
#define VMMU_FUZZ_PARSE_H

#include "tests/fuzz/fuzz_util.h"

#include "harness/trace/trace.h"
#include "model/types.h"

typedef void (*fuzz_parse_check)(unsigned page_bits, int k, const access_rec *out);

static inline int fuzz_parse_one(trace_parse_fn parse, const char *s, size_t n,
                                 unsigned page_bits, access_rec *out)
{
    char why[WHY_BYTES];
    memset(why, 'Z', sizeof why);
    memset(out, 0xA5, TRACE_MAX_RECS * sizeof *out);
    int k = parse(s, n, page_bits, out, why);
    FUZZ_CHECK(k >= -1 && k <= TRACE_MAX_RECS, "returned %d", k);
    if (k < 0) {
        FUZZ_CHECK(memchr(why, 0, sizeof why) != NULL, "the reason is not terminated");
        FUZZ_CHECK(why[0] != 0, "an error without a reason");
    }
    for (int i = 0; i < k; i++) {
        FUZZ_CHECK(out[i].kind <= ACCESS_EXEC, "record %d: kind %u", i, out[i].kind);
        FUZZ_CHECK(out[i].has_value <= 1, "record %d: has_value %u", i, out[i].has_value);
        FUZZ_CHECK(out[i].priv <= PRIV_S, "record %d: privilege %u", i, out[i].priv);
        FUZZ_CHECK(!out[i].has_value || out[i].kind == ACCESS_WRITE,
                   "record %d: a value on a non-write", i);
    }
    return k;
}

static inline int fuzz_parse_line(const uint8_t *data, size_t size, trace_parse_fn parse,
                                  fuzz_parse_check check)
{
    char *s = fuzz_exact_copy(data, size);
    static const unsigned page_bits[] = {8, 12};
    for (size_t i = 0; i < sizeof page_bits / sizeof page_bits[0]; i++) {
        access_rec out[TRACE_MAX_RECS];
        int k = fuzz_parse_one(parse, s, size, page_bits[i], out);
        if (check)
            check(page_bits[i], k, out);
    }
    fuzz_exact_free(s, size);
    return 0;
}

/* Same record (the fields a parser sets; `line` is the reader's). */
static inline int fuzz_same_rec(const access_rec *a, const access_rec *b)
{
    return a->addr == b->addr && a->pid == b->pid && a->kind == b->kind &&
           a->has_value == b->has_value && (!a->has_value || a->value == b->value) && a->priv == b->priv;
}

#endif
