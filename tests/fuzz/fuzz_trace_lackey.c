/* fuzz_trace_lackey.c — libFuzzer target: trace_parse_lackey, Valgrind lackey's
 * `I  ADDR,SIZE`, ` L`, ` S`, ` M` and `==PID==` lines.
 * An access is one record per page it touches (at most two), an M a read then a
 * write of the same pages; the second page's record starts at that page. */
#include "tests/fuzz/fuzz_parse.h"

static void check(const char *s, size_t n, unsigned page_bits, int k, const trace_rec *out)
{
    (void)s;
    (void)n;
    if (k <= 0)
        return;
    FUZZ_CHECK(k == 1 || k == 2 || k == 4, "lackey line gave %d records", k);
    for (int i = 0; i < k; i++)
        FUZZ_CHECK(out[i].pid == 0 && !out[i].has_value, "record %d: pid or value set", i);
    int modify = k == 4 || (k == 2 && out[0].kind == ACCESS_READ && out[1].kind == ACCESS_WRITE &&
                            out[0].addr == out[1].addr);
    int pages = modify ? k / 2 : k;
    for (int i = 0; i < k; i += pages) {
        if (pages == 2) {
            uint64_t first = out[i].addr >> page_bits, second = out[i + 1].addr >> page_bits;
            FUZZ_CHECK(second == first + 1, "pages %llx then %llx", (unsigned long long)first,
                       (unsigned long long)second);
            FUZZ_CHECK((out[i + 1].addr & (((uint64_t)1 << page_bits) - 1)) == 0,
                       "the second page's access is not at its start");
            FUZZ_CHECK(out[i].kind == out[i + 1].kind, "one access, two kinds");
        }
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
