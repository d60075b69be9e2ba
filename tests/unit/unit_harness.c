// SPDX-License-Identifier: MIT
/* tests/unit/unit_harness.c — unit tests of the harness's hot paths, against oracles that
 * do not share their code: snprintf for the number formatting, a plain
 * digit-by-digit reading for the trace reader's word-at-a-time fast path, and the
 * lines the test wrote for the extended format's records (its privilege column).
 *
 * Prints "PASS name" / "FAIL name: why" per test and, last, "N passed, M failed";
 * exits 1 if anything failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/cli/out.h"
#include "harness/cli/out_fmt.h"
#include "harness/trace/trace.h"
#include "harness/trace/trace_fast.h"
#include "model/types.h"
#include "tests/unit/unit.h"

/* ---- out_fmt_u64 --------------------------------------------------------------- */

static void check_u64(uint64_t v)
{
    char got[64], want[32];
    memset(got, 'z', sizeof got);
    char *e = out_fmt_u64(got, v);
    int n = snprintf(want, sizeof want, "%" PRIu64, v);
    CHECK(e - got == n && memcmp(got, want, (size_t)n) == 0, "%s: got '%.*s'", want,
          (int)(e - got), got);
}

static void test_fmt_u64(void)
{
    begin("fmt_u64_matches_printf");
    /* every number up to 2^21: all lengths through seven digits, every lane pattern */
    for (uint64_t v = 0; v < (1u << 21) && cur_ok; v++)
        check_u64(v);
    /* around each power of ten and of two, where the digit count changes */
    for (uint64_t p = 1, k = 0; k < 20 && cur_ok; k++, p *= 10)
        for (int d = -2; d <= 2; d++)
            check_u64(p + (uint64_t)(int64_t)d);
    for (unsigned b = 1; b < 64 && cur_ok; b++)
        for (int d = -1; d <= 1; d++)
            check_u64(((uint64_t)1 << b) + (uint64_t)(int64_t)d);
    check_u64(UINT64_MAX);
    check_u64(99999999u);
    check_u64(100000000u);
    /* random magnitudes */
    uint64_t s = 88172645463325252u;
    for (int i = 0; i < 300000 && cur_ok; i++) {
        uint64_t r = rng_next(&s);
        check_u64(r >> (rng_next(&s) % 64));
    }
    end();
}

static void test_fmt_i8(void)
{
    begin("fmt_i8_newline_matches_printf");
    out_buf *o = malloc(sizeof *o);
    if (!o) {
        CHECK(0, "out of memory");
        return;
    }
    out_init(o, 1);
    for (int v = -128; v < 128 && cur_ok; v++) {
        char got[16], want[16];
        char *e = out_fmt_i8_nl(o, got, (int8_t)v);
        int n = snprintf(want, sizeof want, "%d\n", v);
        CHECK(e - got == n && memcmp(got, want, (size_t)n) == 0, "%d: got '%.*s'", v,
              (int)(e - got), got);
    }
    free(o);
    end();
}

/* ---- the trace reader's fast path ------------------------------------------------ */

/* What trace_fast_line() must answer, read the plain way: one to seven digits, then a
 * newline, give the line's length and the number; anything else 0. */
static size_t reference_line(const char *p, uint64_t *v)
{
    size_t n = 0;
    uint64_t x = 0;
    while (p[n] >= '0' && p[n] <= '9')
        x = x * 10 + (uint64_t)(p[n++] - '0');
    if (n == 0 || n > 7 || p[n] != '\n')
        return 0;
    *v = x;
    return n + 1;
}

static void test_fast_line(void)
{
    begin("trace_fast_line_matches_reference");
    /* mostly digits, with every kind of byte that ends or spoils a line */
    static const char alphabet[] = "0123456789012345678901234567890123456789\n\n\n\r #x-a/:\t\0\xb0\xff";
    uint64_t s = 0x2545F4914F6CDD1Du;
    unsigned matched = 0;
    for (int i = 0; i < 2000000 && cur_ok; i++) {
        char buf[32] = {0};
        size_t len = 1 + rng_next(&s) % 12;
        for (size_t k = 0; k < len; k++)
            buf[k] = alphabet[rng_next(&s) % (sizeof alphabet - 1)];
        uint64_t want = 0, got = 0;
        size_t nw = reference_line(buf, &want), ng = trace_fast_line(buf, &got);
        matched += nw != 0;
        CHECK(nw == ng && (nw == 0 || want == got), "'%.*s': reference %zu/%" PRIu64
              ", fast %zu/%" PRIu64, (int)len, buf, nw, want, ng, got);
    }
    CHECK(matched > 10000, "only %u lines were numbers", matched);
    end();
}

/* A new file from the mkstemp() template `path`, open for writing; NULL (a failed
 * check) if it cannot be made. */
static FILE *temp_file(char *path)
{
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f, "cannot make a temporary file");
    return f;
}

/* The whole reader over a file with lines of every length, CRLF endings, blanks,
 * comments and spaces, larger than one read block so lines straddle refills. */
static void test_reader(void)
{
    begin("trace_reader_reads_every_line");
    char path[] = "/tmp/vmmu-unit-trace-XXXXXX";
    FILE *f = temp_file(path);
    if (!f)
        return;
    enum { LINES = 400000 };
    uint64_t *want = malloc(LINES * sizeof *want), *want_line = malloc(LINES * sizeof *want_line);
    uint64_t s = 0x853C49E6748FEA9Bu, line = 0;
    size_t n = 0;
    while (want && want_line && n < LINES) {
        uint64_t r = rng_next(&s);
        line++;
        switch (r % 16) {
        case 0:
            fputs("\n", f);
            continue;
        case 1:
            fputs("# a comment\n", f);
            continue;
        default:
            break;
        }
        unsigned digits = 1 + (unsigned)(r >> 8) % 18;
        uint64_t v = rng_next(&s) % 1000000000000000000u;
        for (unsigned k = digits; k < 18; k++)
            v /= 10;
        want[n] = v;
        want_line[n++] = line;
        switch ((r >> 16) % 8) {
        case 0:
            fprintf(f, "%" PRIu64 "\r\n", v);
            break;
        case 1:
            fprintf(f, "  %" PRIu64 " # note\n", v);
            break;
        case 2:
            fprintf(f, "0x%" PRIx64 "\n", v);
            break;
        case 3:
            fprintf(f, "00%" PRIu64 "\n", v); /* leading zeros: not its decimal form */
            break;
        default:
            fprintf(f, "%" PRIu64 "\n", v);
        }
    }
    fclose(f);
    trace_reader t;
    char err[256];
    if (!want || !want_line || trace_open(&t, path, TRACE_TEXT, 8, err, sizeof err) != 0) {
        CHECK(0, "setup failed");
        free(want);
        free(want_line);
        unlink(path);
        return;
    }
    /* Batches of random sizes; every record of a batch is checked only once the whole
     * batch is read, so a text pointer the batch's later lines overwrote would show. */
    enum { MAXB = 100 };
    access_rec rb[MAXB];
    size_t got = 0, texts = 0;
    int rc;
    while ((rc = trace_read(&t, rb, 1 + rng_next(&s) % MAXB, err, sizeof err)) > 0 && cur_ok) {
        for (int i = 0; i < rc; i++, got++) {
            const access_rec *r = &rb[i];
            CHECK(got < n, "more records than lines");
            if (got >= n)
                break;
            CHECK(r->addr == want[got] && r->line == want_line[got],
                  "record %zu: %" PRIu64 " on line %" PRIu64 ", expected %" PRIu64 " on line %" PRIu64,
                  got, r->addr, r->line, want[got], want_line[got]);
            if (!r->text)
                continue;
            /* The text handed on is the address's digits; where the printing rule says
             * it may be copied, it is exactly what printf makes. */
            uint64_t x = 0;
            for (uint32_t k = 0; k < r->text_len; k++) {
                CHECK(r->text[k] >= '0' && r->text[k] <= '9', "record %zu: text byte %u not a digit", got, k);
                x = x * 10 + (uint64_t)(r->text[k] - '0');
            }
            CHECK(r->text_len >= 1 && r->text_len <= 7 && x == r->addr,
                  "record %zu: text '%.*s' for %" PRIu64, got, (int)r->text_len, r->text, r->addr);
            char dec[32];
            int k = snprintf(dec, sizeof dec, "%" PRIu64, r->addr);
            int same = r->text_len == (uint32_t)k && memcmp(r->text, dec, (size_t)k) == 0;
            CHECK(trace_text_is_decimal(r) == same, "record %zu: text '%.*s' for %s: copy rule says %d",
                  got, (int)r->text_len, r->text, dec, trace_text_is_decimal(r));
            texts += same;
        }
    }
    CHECK(texts > (size_t)n / 10, "only %zu of %zu records came with their text", texts, n);
    CHECK(rc == 0, "reader stopped with %d: %s", rc, err);
    CHECK(got == n, "read %zu records of %zu", got, n);
    trace_close(&t);
    free(want);
    free(want_line);
    unlink(path);
    end();
}

/* The extended format's lines, the privilege column in every spelling and place it
 * may take (none, U, S, u, s; after a value; tabs, CRLF, a comment after it), read by
 * the whole reader in batches of random sizes: each record is the line the test wrote. */
static void test_reader_ext_priv(void)
{
    begin("trace_reader_ext_privilege_column");
    enum { LINES = 50000 };
    uint64_t s = 0x9E3779B97F4A7C15u;
    size_t n = 0, ns = 0; /* lines written, in S-mode */
    char path[] = "/tmp/vmmu-unit-ext-XXXXXX";
    FILE *f = temp_file(path);
    if (!f)
        return;
    access_rec *want = calloc(LINES, sizeof *want);
    for (uint64_t line = 1; want && n < LINES; line++) {
        uint64_t r = rng_next(&s);
        if (r % 23 == 0) {
            fputs("# comment\n", f);
            continue;
        }
        access_rec *w = &want[n++];
        w->line = line;
        w->pid = (uint32_t)(r >> 8) % 5;
        w->kind = (uint8_t)((r >> 12) % 3);
        w->addr = rng_next(&s) >> (r >> 16) % 64;
        w->has_value = w->kind == ACCESS_WRITE && (r >> 20) % 2;
        w->value = (uint8_t)(r >> 24);
        unsigned spell = (unsigned)(r >> 32) % 5; /* none, U, S, u, s */
        w->priv = spell == 2 || spell == 4 ? PRIV_S : PRIV_U;
        ns += w->priv == PRIV_S;
        const char *sep = (r >> 36) % 2 ? "\t" : " ";
        if ((r >> 37) % 4 || w->pid)
            fprintf(f, "%u%s", w->pid, sep);
        fprintf(f, "%c%s0x%" PRIx64, "RWXrwx"[w->kind + 3 * ((r >> 38) % 2)], sep, w->addr);
        if (w->has_value)
            fprintf(f, "%s%u", sep, w->value);
        if (spell)
            fprintf(f, "%s%c", sep, " USus"[spell]);
        fputs((r >> 40) % 5 == 0 ? "\r\n" : (r >> 40) % 5 == 1 ? "  # note\n" : "\n", f);
    }
    fclose(f);
    trace_reader t;
    char err[256];
    if (!want || trace_open(&t, path, TRACE_AUTO, 12, err, sizeof err) != 0) {
        CHECK(0, "setup failed");
        free(want);
        unlink(path);
        return;
    }
    enum { MAXB = 100 };
    access_rec rb[MAXB];
    size_t got = 0;
    int rc;
    while ((rc = trace_read(&t, rb, 1 + rng_next(&s) % MAXB, err, sizeof err)) > 0 && cur_ok) {
        for (int i = 0; i < rc && got < n; i++, got++) {
            const access_rec *a = &rb[i], *w = &want[got];
            CHECK(a->addr == w->addr && a->line == w->line && a->pid == w->pid && a->kind == w->kind &&
                      a->has_value == w->has_value && (!w->has_value || a->value == w->value) &&
                      a->priv == w->priv,
                  "line %" PRIu64 ": read pid %u kind %u addr 0x%" PRIx64 " value %d/%u priv %u, wrote pid %u"
                  " kind %u addr 0x%" PRIx64 " value %d/%u priv %u", w->line, a->pid, a->kind, a->addr,
                  a->has_value, a->value, a->priv, w->pid, w->kind, w->addr, w->has_value, w->value, w->priv);
        }
    }
    CHECK(rc == 0, "reader stopped with %d: %s", rc, err);
    CHECK(got == n, "read %zu records of %zu", got, n);
    CHECK(ns > n / 4 && ns < n / 2, "%zu of %zu lines in S-mode", ns, n);
    trace_close(&t);
    free(want);
    unlink(path);
    end();
}

int main(void)
{
    test_fmt_u64();
    test_fmt_i8();
    test_fast_line();
    test_reader();
    test_reader_ext_priv();
    return summary();
}
