// SPDX-License-Identifier: MIT
/* fuzz_trace_lackey.c — libFuzzer target: trace_parse_lackey, Valgrind lackey's
 * `I  ADDR,SIZE`, ` L`, ` S`, ` M` and `==PID==` lines.
 * An access is one record per page it touches, an M a read then a write of the same
 * pages; every page's record after the first starts at that page. */
#include "tests/fuzz/fuzz_parse.h"

static void check(unsigned page_bits, int k, const access_rec *out)
{
    if (k <= 0)
        return;
    FUZZ_CHECK(k <= TRACE_MAX_RECS, "lackey line gave %d records", k);
    for (int i = 0; i < k; i++)
        FUZZ_CHECK(out[i].pid == 0 && !out[i].has_value, "record %d: pid or value set", i);
    /* An M: the first half reads, the second half writes the same addresses. */
    int modify = k % 2 == 0 && out[0].kind == ACCESS_READ && out[k / 2].kind == ACCESS_WRITE &&
                 out[0].addr == out[k / 2].addr;
    int pages = modify ? k / 2 : k;
    uint64_t mask = ((uint64_t)1 << page_bits) - 1;
    for (int i = 0; i < k; i += pages)
        for (int j = 1; j < pages; j++) {
            const access_rec *a = &out[i + j - 1], *b = &out[i + j];
            FUZZ_CHECK((b->addr >> page_bits) == (a->addr >> page_bits) + 1, "pages %llx then %llx",
                       (unsigned long long)(a->addr >> page_bits), (unsigned long long)(b->addr >> page_bits));
            FUZZ_CHECK((b->addr & mask) == 0, "a later page's access is not at its start");
            FUZZ_CHECK(a->kind == b->kind, "one access, two kinds");
        }
    if (modify)
        for (int i = 0; i < pages; i++)
            FUZZ_CHECK(out[i].kind == ACCESS_READ && out[pages + i].kind == ACCESS_WRITE &&
                           out[i].addr == out[pages + i].addr,
                       "M is a read then a write of the same pages");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_line(data, size, trace_parse_lackey, check);
}
