// SPDX-License-Identifier: MIT
/* fuzz_trace_text.c — libFuzzer target: trace_parse_text, the textbook's line.
 * A parsed address, printed back in decimal and in 0x hex, parses to itself. */
#include "tests/fuzz/fuzz_parse.h"

static void check(unsigned page_bits, int k, const access_rec *out)
{
    FUZZ_CHECK(k == -1 || k == 1, "text line gave %d records", k);
    if (k != 1)
        return;
    FUZZ_CHECK(out[0].pid == 0 && out[0].kind == ACCESS_READ && !out[0].has_value,
               "a text record is a read by process 0");
    char again[64];
    const char *fmt[] = {"%llu", "0x%llx", "  %llu\t", "0X%llX"};
    for (int i = 0; i < 4; i++) {
        int len = snprintf(again, sizeof again, fmt[i], (unsigned long long)out[0].addr);
        access_rec r[TRACE_MAX_RECS];
        int k2 = fuzz_parse_one(trace_parse_text, again, (size_t)len, page_bits, r);
        FUZZ_CHECK(k2 == 1 && r[0].addr == out[0].addr, "'%s' does not parse back to %llu",
                   again, (unsigned long long)out[0].addr);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_line(data, size, trace_parse_text, check);
}
