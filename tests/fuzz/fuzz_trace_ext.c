// SPDX-License-Identifier: MIT
/* fuzz_trace_ext.c — libFuzzer target: trace_parse_ext, `[pid] R|W|X addr [value] [U|S]`.
 * A parsed record, printed back in the format, parses to itself; a U-mode one also
 * without its privilege, the column's default. */
#include "tests/fuzz/fuzz_parse.h"

static void check(unsigned page_bits, int k, const access_rec *out)
{
    FUZZ_CHECK(k == -1 || k == 1, "ext line gave %d records", k);
    if (k != 1)
        return;
    char again[128];
    int len;
    if (out[0].has_value)
        len = snprintf(again, sizeof again, "%lu %c 0x%llx %u %c", (unsigned long)out[0].pid,
                       "RWX"[out[0].kind], (unsigned long long)out[0].addr, out[0].value, "US"[out[0].priv]);
    else
        len = snprintf(again, sizeof again, "%lu\t%c %llu\t%c", (unsigned long)out[0].pid,
                       "rwx"[out[0].kind], (unsigned long long)out[0].addr, "us"[out[0].priv]);
    access_rec r[TRACE_MAX_RECS];
    int k2 = fuzz_parse_one(trace_parse_ext, again, (size_t)len, page_bits, r);
    FUZZ_CHECK(k2 == 1 && fuzz_same_rec(&r[0], &out[0]), "'%s' does not parse back", again);
    if (out[0].priv == PRIV_U) {
        len = snprintf(again, sizeof again, "%lu %c %llu", (unsigned long)out[0].pid, "RWX"[out[0].kind],
                       (unsigned long long)out[0].addr);
        if (out[0].has_value)
            len += snprintf(again + len, sizeof again - (size_t)len, " %u", out[0].value);
        k2 = fuzz_parse_one(trace_parse_ext, again, (size_t)len, page_bits, r);
        FUZZ_CHECK(k2 == 1 && fuzz_same_rec(&r[0], &out[0]), "'%s' does not parse back", again);
    }
    if (out[0].has_value && out[0].value >= 128) {
        /* the same byte as a signed char */
        len = snprintf(again, sizeof again, "%lu W %llu -%u %c", (unsigned long)out[0].pid,
                       (unsigned long long)out[0].addr, 256u - out[0].value, "US"[out[0].priv]);
        k2 = fuzz_parse_one(trace_parse_ext, again, (size_t)len, page_bits, r);
        FUZZ_CHECK(k2 == 1 && fuzz_same_rec(&r[0], &out[0]), "'%s' does not parse back", again);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_line(data, size, trace_parse_ext, check);
}
