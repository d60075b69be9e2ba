// SPDX-License-Identifier: MIT
/* vectors.c — reading MMU test vectors (vectors.h): one directive a line, every field
 * checked against the preset. */
#define _POSIX_C_SOURCE 200809L
#include "harness/trace/vectors.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/base/number.h"
#include "model/types.h"

enum { MAX_WORDS = 4 };

/* The words of one line, up to a '#': the first MAX_WORDS in word[]; returns how many
 * there are. */
static int split(char *line, char *word[MAX_WORDS])
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    int n = 0;
    for (char *p = line;;) {
        p += strspn(p, " \t\r\n");
        if (!*p)
            return n;
        if (n < MAX_WORDS)
            word[n] = p;
        n++;
        p += strcspn(p, " \t\r\n");
        if (*p)
            *p++ = 0;
    }
}

/* Word `w` as a whole number (decimal, or hex after 0x) into *v: 0, or -1. */
static int number(const char *w, uint64_t *v)
{
    const char *s = w, *end = w + strlen(w);
    return parse_number(&s, end, 0, v) == 0 && s == end ? 0 : -1;
}

/* 2^bits - 1, for widths up to 64. */
static uint64_t max_of(unsigned bits) { return bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1; }

/* A number word `w`, named `what`, at most `max`: 0, or -1 with why in `why`.  `rule`
 * says what the limit is, for the message. */
static int bounded(const char *w, const char *what, uint64_t max, const char *rule, uint64_t *v, char *why,
                   size_t n)
{
    if (number(w, v) != 0) {
        snprintf(why, n, "%s '%s' is not a number (decimal, or hex after 0x, at most 64 bits)", what, w);
        return -1;
    }
    if (*v > max) {
        snprintf(why, n, "%s %s is %s (at most 0x%llx)", what, w, rule, (unsigned long long)max);
        return -1;
    }
    return 0;
}

/* Word `w` as one of two names (0 for `a`, 1 for `b`): 0, or -1 with why. */
static int either(const char *w, const char *dir, const char *a, const char *b, uint8_t *flag, char *why,
                  size_t n)
{
    if (strcmp(w, a) == 0 || strcmp(w, b) == 0) {
        *flag = strcmp(w, b) == 0;
        return 0;
    }
    snprintf(why, n, "'%s %s': expected %s or %s", dir, w, a, b);
    return -1;
}

/* One line's words into *c: 0, or -1 with why. */
static int parse(const preset *p, char *word[], int nw, vec_cmd *c, char *why, size_t n)
{
    static const struct {
        const char *name;
        int args;
        const char *usage;
    } dirs[] = {
        {"mem", 2, "mem PA VALUE"}, {"satp", 3, "satp MODE ASID PPN"}, {"priv", 1, "priv U|S"},
        {"sum", 1, "sum 0|1"},      {"mxr", 1, "mxr 0|1"},             {"ad", 1, "ad hardware|fault"},
        {"pmem", 1, "pmem BYTES"},  {"sfence", 2, "sfence VA|- ASID|-"}, {"R", 1, "R VA"},
        {"W", 1, "W VA"},           {"X", 1, "X VA"},
    };
    size_t d = 0;
    while (d < sizeof dirs / sizeof dirs[0] && strcmp(dirs[d].name, word[0]) != 0)
        d++;
    if (d == sizeof dirs / sizeof dirs[0]) {
        snprintf(why, n, "unknown directive '%s': expected mem, satp, priv, sum, mxr, ad, pmem, sfence, R, W or X",
                 word[0]);
        return -1;
    }
    if (nw - 1 != dirs[d].args) {
        snprintf(why, n, "'%s' takes %d argument%s (%s), not %d", word[0], dirs[d].args,
                 dirs[d].args == 1 ? "" : "s", dirs[d].usage, nw - 1);
        return -1;
    }
    char rule[96];
    unsigned vbits = preset_vaddr_bits(p);
    snprintf(rule, sizeof rule, "wider than %s's %u-bit virtual addresses", p->name, vbits);
    switch (d) {
    case 0: { /* mem PA VALUE */
        c->op = VEC_MEM;
        char prule[96], vrule[64];
        snprintf(prule, sizeof prule, "beyond %s's %u-bit physical addresses", p->name, p->pa_bits);
        snprintf(vrule, sizeof vrule, "wider than %s's %u-byte PTE", p->name, p->pte_bytes);
        if (bounded(word[1], "PA", max_of(p->pa_bits) - (p->pte_bytes - 1), prule, &c->a, why, n) != 0 ||
            bounded(word[2], "VALUE", max_of(8 * p->pte_bytes), vrule, &c->b, why, n) != 0)
            return -1;
        return 0;
    }
    case 1: { /* satp MODE ASID PPN */
        c->op = VEC_SATP;
        if (strcmp(word[1], "bare") != 0 && strcmp(word[1], p->name) != 0) {
            snprintf(why, n, "satp MODE '%s': expected bare or %s (the preset's; --config chooses it)", word[1], p->name);
            return -1;
        }
        c->flag = strcmp(word[1], "bare") != 0;
        char arule[64], prule[64];
        snprintf(arule, sizeof arule, "wider than %s's %u-bit ASIDs", p->name, p->asid_bits);
        snprintf(prule, sizeof prule, "wider than %s's %u-bit PPNs", p->name, p->ppn_bits);
        if (bounded(word[2], "ASID", max_of(p->asid_bits), arule, &c->a, why, n) != 0 ||
            bounded(word[3], "PPN", max_of(p->ppn_bits), prule, &c->b, why, n) != 0)
            return -1;
        /* The spec: "To select MODE=Bare, software must write zero to the remaining
         * fields"; anything else is UNSPECIFIED, so no vector may rely on it. */
        if (!c->flag && (c->a || c->b)) {
            snprintf(why, n, "satp bare needs ASID 0 and PPN 0 (the spec leaves other values unspecified)");
            return -1;
        }
        return 0;
    }
    case 2:
        c->op = VEC_PRIV;
        return either(word[1], "priv", "U", "S", &c->flag, why, n);
    case 3:
    case 4:
        c->op = d == 3 ? VEC_SUM : VEC_MXR;
        return either(word[1], word[0], "0", "1", &c->flag, why, n);
    case 5:
        c->op = VEC_AD;
        return either(word[1], "ad", "hardware", "fault", &c->flag, why, n);
    case 6:
        c->op = VEC_PMEM;
        return bounded(word[1], "BYTES", UINT64_MAX, "", &c->a, why, n);
    case 7: { /* sfence VA|- ASID|- */
        c->op = VEC_SFENCE;
        c->flag = 0;
        char arule[64];
        snprintf(arule, sizeof arule, "wider than %s's %u-bit ASIDs", p->name, p->asid_bits);
        if (strcmp(word[1], "-") != 0) {
            if (bounded(word[1], "VA", max_of(vbits), rule, &c->a, why, n) != 0)
                return -1;
            c->flag |= 1;
        }
        if (strcmp(word[2], "-") != 0) {
            if (bounded(word[2], "ASID", max_of(p->asid_bits), arule, &c->b, why, n) != 0)
                return -1;
            c->flag |= 2;
        }
        return 0;
    }
    default: /* R, W, X */
        c->op = VEC_REQ;
        c->flag = (uint8_t)(d == 8 ? ACCESS_READ : d == 9 ? ACCESS_WRITE : ACCESS_EXEC);
        return bounded(word[1], "VA", max_of(vbits), rule, &c->a, why, n);
    }
}

static int add(vec_list *v, const vec_cmd *c)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        vec_cmd *g = realloc(v->c, cap * sizeof *g);
        if (!g)
            return -1;
        v->c = g;
        v->cap = cap;
    }
    v->c[v->n++] = *c;
    return 0;
}

int vectors_load(vec_list *v, const char *path, const preset *p, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    int in = strcmp(path, "-") == 0;
    struct stat st;
    if (!in && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a vectors file", path);
        return -1;
    }
    FILE *f = in ? stdin : fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open the vectors: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL, why[256];
    size_t cap = 0;
    uint64_t lineno = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (memchr(line, 0, (size_t)len)) {
            snprintf(err, errlen, "%s:%llu: a NUL byte: not a text file", path, (unsigned long long)lineno);
            rc = -1;
            break;
        }
        char *word[MAX_WORDS];
        int nw = split(line, word);
        if (nw == 0)
            continue;
        vec_cmd c = {.line = lineno};
        if (parse(p, word, nw, &c, why, sizeof why) != 0) {
            snprintf(err, errlen, "%s:%llu: %s", path, (unsigned long long)lineno, why);
            rc = -1;
            break;
        }
        if (add(v, &c) != 0) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        rc = -1;
    }
    free(line);
    if (!in)
        fclose(f);
    if (rc != 0)
        vectors_free(v);
    return rc;
}

void vectors_free(vec_list *v)
{
    free(v->c);
    memset(v, 0, sizeof *v);
}
