// SPDX-License-Identifier: MIT
/* maps.c — parsing /proc/PID/maps lines and finding an address's region. */
#define _POSIX_C_SOURCE 200809L
#include "harness/os/maps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/base/number.h"
#include "model/types.h"

static int by_start(const void *a, const void *b)
{
    const region *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Parses one line into *g; returns 0, 1 for a line to skip, or -1 with why. */
static int parse_line(const char *s, region *g, char *why, size_t n)
{
    const char *p = s, *end = s + strlen(s);
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end || *p == '#')
        return 1;
    uint64_t a, b;
    if (parse_number(&p, end, 16, &a) != 0 || p >= end || *p++ != '-' ||
        parse_number(&p, end, 16, &b) != 0 || p >= end || *p++ != ' ') {
        snprintf(why, n, "expected 'START-END PERMS ...' with hex addresses");
        return -1;
    }
    if (b <= a) {
        snprintf(why, n, "the region ends (0x%llx) before it starts (0x%llx)", (unsigned long long)b,
                 (unsigned long long)a);
        return -1;
    }
    if (end - p < 4 || (p[0] != 'r' && p[0] != '-') || (p[1] != 'w' && p[1] != '-') ||
        (p[2] != 'x' && p[2] != '-') || (p[3] != 'p' && p[3] != 's')) {
        snprintf(why, n, "permissions must look like 'r-xp' (r/-, w/-, x/-, p/s)");
        return -1;
    }
    g->start = a;
    g->end = b;
    /* W without R is a reserved PTE encoding, so a writable region is readable too. */
    g->perm = (uint8_t)((p[0] == 'r' || p[1] == 'w' ? PTE_R : 0) | (p[1] == 'w' ? PTE_W : 0) |
                        (p[2] == 'x' ? PTE_X : 0));
    p += 4;
    /* offset, device, inode, then the optional path */
    for (int field = 0; field < 3; field++) {
        while (p < end && *p == ' ')
            p++;
        while (p < end && *p != ' ')
            p++;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    g->file = p < end && *p != '[';
    return 0;
}

int maps_load(maps *m, const char *path, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a maps file", path);
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open maps file: %s", path, strerror(errno));
        return -1;
    }
    char line[4096], why[160];
    size_t cap = 0;
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f)) {
            snprintf(err, errlen, "%s:%lu: line longer than %zu bytes", path, lineno, sizeof line - 2);
            goto fail;
        }
        line[strcspn(line, "\r\n")] = 0;
        region g;
        int k = parse_line(line, &g, why, sizeof why);
        if (k == 1)
            continue;
        if (k < 0) {
            snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
            goto fail;
        }
        if (m->n == cap) {
            cap = cap ? cap * 2 : 16;
            region *r = realloc(m->r, cap * sizeof *r);
            if (!r) {
                snprintf(err, errlen, "%s: out of memory", path);
                goto fail;
            }
            m->r = r;
        }
        m->r[m->n++] = g;
    }
    fclose(f);
    if (m->n)
        qsort(m->r, m->n, sizeof *m->r, by_start);
    for (size_t i = 1; i < m->n; i++)
        if (m->r[i].start < m->r[i - 1].end) {
            snprintf(err, errlen, "%s: regions 0x%llx-0x%llx and 0x%llx-0x%llx overlap", path,
                     (unsigned long long)m->r[i - 1].start, (unsigned long long)m->r[i - 1].end,
                     (unsigned long long)m->r[i].start, (unsigned long long)m->r[i].end);
            maps_free(m);
            return -1;
        }
    return 0;
fail:
    fclose(f);
    maps_free(m);
    return -1;
}

void maps_free(maps *m)
{
    free(m->r);
    m->r = NULL;
    m->n = 0;
}

const region *maps_find(const maps *m, uint64_t addr)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (addr < m->r[mid].start)
            hi = mid;
        else if (addr >= m->r[mid].end)
            lo = mid + 1;
        else
            return &m->r[mid];
    }
    return NULL;
}
