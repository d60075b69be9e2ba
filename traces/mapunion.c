// SPDX-License-Identifier: MIT
/* mapunion.c — merges the /proc/PID/maps snapshots that mapsnap.so wrote over a
 * process's life (PID.snap: snapshots, each after a "#snap WHY" line) into one map in
 * /proc/PID/maps format: every address mapped in any snapshot, with the union of the
 * permissions it had, and the name, offset, device and inode of the latest snapshot
 * that mapped it.  Regions never overlap, as vmref's --maps requires.
 *
 *   mapunion [--last] FILE.snap      the union (or, with --last, the last snapshot alone:
 *                                    the map at exit) on stdout
 *
 * Runs after the trace, outside valgrind, so its work is not in the trace. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t start, end, off, inode;
    char perm[5]; /* "rwxp" */
    char dev[16];
    char *name; /* owned; "" for an anonymous region */
} region;

typedef struct {
    region *r;
    size_t n, cap;
} list;

static const char *prog = "mapunion";

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void push(list *l, const region *g)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->r = realloc(l->r, l->cap * sizeof *l->r);
        if (!l->r)
            die("out of memory");
    }
    l->r[l->n++] = *g;
}

static void clear(list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->r[i].name);
    l->n = 0;
}

static char *dup_str(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die("out of memory");
    return d;
}

/* A copy of g over [s, e), its file offset moved along with its start. */
static region piece(const region *g, uint64_t s, uint64_t e)
{
    region p = *g;
    p.off = g->name[0] && g->name[0] != '[' ? g->off + (s - g->start) : g->off;
    p.start = s;
    p.end = e;
    p.name = dup_str(g->name);
    return p;
}

/* Paints g over the union u (sorted, disjoint), into the scratch list t, then swaps. */
static void paint(list *u, list *t, const region *g)
{
    clear(t);
    uint64_t cur = g->start; /* the part of g not yet placed starts here */
    for (size_t i = 0; i < u->n; i++) {
        const region *x = &u->r[i];
        region p;
        if (x->end <= g->start || x->start >= g->end) {
            p = piece(x, x->start, x->end);
            push(t, &p);
            continue;
        }
        if (x->start < g->start) {
            p = piece(x, x->start, g->start);
            push(t, &p);
        }
        if (cur < x->start) {
            p = piece(g, cur, x->start);
            push(t, &p);
        }
        uint64_t s = x->start > g->start ? x->start : g->start;
        uint64_t e = x->end < g->end ? x->end : g->end;
        p = piece(g, s, e);
        for (int k = 0; k < 3; k++)
            if (x->perm[k] != '-')
                p.perm[k] = x->perm[k];
        push(t, &p);
        cur = e;
        if (x->end > g->end) {
            p = piece(x, g->end, x->end);
            push(t, &p);
        }
    }
    if (cur < g->end) {
        region p = piece(g, cur, g->end);
        push(t, &p);
    }
    list swap = *u;
    *u = *t;
    *t = swap;
}

static int by_start(const void *a, const void *b)
{
    const region *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Whether y just extends x: the pieces a growing [heap] or [stack] leaves behind. */
static int continues(const region *x, const region *y)
{
    int file = x->name[0] && x->name[0] != '[';
    return x->end == y->start && !strcmp(x->perm, y->perm) && !strcmp(x->name, y->name) &&
           !strcmp(x->dev, y->dev) && x->inode == y->inode &&
           (!file || x->off + (x->end - x->start) == y->off);
}

/* One maps line into *g (name borrowed from the line); 0, or -1 if it is not one. */
static int parse(char *line, region *g)
{
    int n = 0;
    if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s %" SCNx64 " %15s %" SCNu64 "%n", &g->start,
               &g->end, g->perm, &g->off, g->dev, &g->inode, &n) < 6 ||
        g->end <= g->start || strlen(g->perm) != 4)
        return -1;
    char *p = line + n;
    while (*p == ' ' || *p == '\t')
        p++;
    p[strcspn(p, "\r\n")] = 0;
    g->name = p;
    return 0;
}

int main(int argc, char **argv)
{
    int last = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--last"))
            last = 1;
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            fprintf(stderr, "%s: usage: mapunion [--last] FILE.snap\n", prog);
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "%s: usage: mapunion [--last] FILE.snap\n", prog);
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    list u = {0}, t = {0};
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0, snaps = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '#') {
            snaps++;
            if (last)
                clear(&u);
            continue;
        }
        region g;
        if (parse(line, &g) != 0)
            die("%s:%lu: not a /proc/PID/maps line", path, lineno);
        if (last) {
            region p = piece(&g, g.start, g.end);
            push(&u, &p);
        } else
            paint(&u, &t, &g);
    }
    free(line);
    fclose(f);
    if (!snaps)
        die("%s: no snapshot in it (not written by mapsnap.so?)", path);
    qsort(u.r, u.n, sizeof *u.r, by_start);
    for (size_t i = 0; i < u.n; i++) {
        const region *g = &u.r[i];
        if (i + 1 < u.n && continues(g, &u.r[i + 1])) {
            u.r[i + 1].start = g->start;
            u.r[i + 1].off = g->off;
            continue;
        }
        printf("%" PRIx64 "-%" PRIx64 " %s %08" PRIx64 " %s %" PRIu64 "%s%s\n", g->start, g->end,
               g->perm, g->off, g->dev, g->inode, g->name[0] ? "    " : "", g->name);
    }
    clear(&u);
    clear(&t);
    free(u.r);
    free(t.r);
    return fflush(stdout) == 0 ? 0 : 1;
}
