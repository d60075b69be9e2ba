// SPDX-License-Identifier: MIT
/* trace.c — block-buffered line reading, comments, and dispatch to a format's parser.
 * The bytes come from trace_source.c, which decompresses them when it must. */
#define _POSIX_C_SOURCE 200809L
#include "harness/trace/trace.h"

#include "harness/trace/trace_fast.h"
#include "harness/trace/trace_source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK TRACE_BLOCK

static const char *const format_names[] = {"auto", "text", "ext", "lackey"};

int trace_format_parse(const char *name)
{
    for (int i = 0; trace_format_name((trace_format)i); i++)
        if (strcmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

const char *trace_format_name(trace_format f)
{
    return (size_t)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : NULL;
}

int trace_open(trace_reader *t, const char *path, trace_format format, unsigned page_bits,
               char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->addr_max = UINT64_MAX;
    t->path = path;
    t->format = format;
    t->page_bits = page_bits;
    t->fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (t->fd < 0) {
        snprintf(err, errlen, "%s: cannot open trace: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(t->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a trace file", path);
        trace_close(t);
        return -1;
    }
    char why[WHY_BYTES];
    t->src = trace_source_open(t->fd, why, sizeof why);
    if (!t->src) {
        snprintf(err, errlen, "%s: %s", path, why);
        trace_close(t);
        return -1;
    }
    /* Room past a block for the sentinel and the eight-byte window of the fast path
     * (trace_fast.h); zeroed so that window never reads undefined bytes. */
    t->buf = calloc(BLOCK + TRACE_PAD, 1);
    if (!t->buf) {
        snprintf(err, errlen, "%s: out of memory for the read buffer", path);
        trace_close(t);
        return -1;
    }
    t->buf[0] = 0; /* the sentinel, before anything is read */
    return 0;
}

void trace_close(trace_reader *t)
{
    trace_source_close(t->src);
    t->src = NULL;
    if (t->fd > 0)
        close(t->fd);
    t->fd = -1;
    free(t->buf);
    t->buf = NULL;
}

void trace_limit(trace_reader *t, const preset *p)
{
    t->addr_max = preset_trace_max(p);
    t->limit = p->trace_bits < 64 ? p : NULL;
}

/* Moves the unread tail to the front and reads more.  Returns -1 with the source's
 * reason in `why` (a read error, corrupt or truncated compressed data). */
static int refill(trace_reader *t, char *why, size_t whylen)
{
    memmove(t->buf, t->buf + t->pos, t->len - t->pos);
    t->len -= t->pos;
    t->pos = 0;
    while (t->len < BLOCK) {
        ssize_t n = trace_source_read(t->src, t->buf + t->len, BLOCK - t->len, why, whylen);
        if (n < 0)
            return -1;
        if (n == 0) {
            t->eof = 1;
            break;
        }
        t->len += (size_t)n;
        if (memchr(t->buf + t->len - (size_t)n, '\n', (size_t)n))
            break;
    }
    t->buf[t->len] = 0; /* the sentinel: not a digit, not a newline */
    return 0;
}

void trace_blame(trace_reader *t, char *err, size_t errlen)
{
    char why[WHY_BYTES];
    if (t->src && trace_source_verify(t->src, TRACE_BLAME_BYTES, why, sizeof why) != 0)
        snprintf(err, errlen, "%s: %s", t->path, why);
}

/* Detects the format from its first significant line. */
static trace_format detect(const char *s, size_t n)
{
    if ((n >= 2 && s[0] == '=' && s[1] == '=') || (n >= 2 && s[0] == 'I' && s[1] == ' ') ||
        (n >= 3 && s[0] == ' ' && strchr("LSM", s[1]) && s[2] == ' '))
        return TRACE_LACKEY;
    for (size_t i = 0; i < n; i++)
        if (strchr("RWXrwx", s[i]) && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t') &&
            (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t'))
            return TRACE_EXT;
    return TRACE_TEXT;
}

static int next_slow(trace_reader *t, access_rec *r, char *err, size_t errlen);

int trace_read(trace_reader *t, access_rec *r, size_t max, char *err, size_t errlen)
{
    size_t k = trace_fast_read(t, r, max);
    if (k)
        return (int)k;
    return max ? next_slow(t, r, err, errlen) : 0;
}

int trace_next(trace_reader *t, access_rec *r, char *err, size_t errlen)
{
    return trace_read(t, r, 1, err, errlen);
}

/* The whole reader: every format, comments, refills, errors; one record. */
static int next_slow(trace_reader *t, access_rec *r, char *err, size_t errlen)
{
    static const trace_parse_fn parsers[] = {NULL, trace_parse_text, trace_parse_ext,
                                             trace_parse_lackey};
    if (t->ipend < t->npend) {
        *r = t->pend[t->ipend++];
        return 1;
    }
    while (t->ipend == t->npend) {
        char *nl = memchr(t->buf + t->pos, '\n', t->len - t->pos);
        if (!nl && !t->eof) {
            char why[WHY_BYTES];
            if (refill(t, why, sizeof why) != 0) {
                snprintf(err, errlen, "%s: %s", t->path, why);
                return -1;
            }
            nl = memchr(t->buf + t->pos, '\n', t->len - t->pos);
            if (!nl && !t->eof) {
                snprintf(err, errlen, "%s:%llu: line longer than %u bytes", t->path,
                         (unsigned long long)t->line + 1, BLOCK);
                trace_blame(t, err, errlen);
                return -1;
            }
        }
        if (!nl && t->pos == t->len)
            return 0;
        char *s = t->buf + t->pos;
        size_t n = nl ? (size_t)(nl - s) : t->len - t->pos;
        t->pos += n + (nl != NULL);
        t->line++;
        if (n && s[n - 1] == '\r')
            n--;
        char *hash = memchr(s, '#', n);
        if (hash)
            n = (size_t)(hash - s);
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        if (lead == n)
            continue; /* blank or comment only */
        if (t->format == TRACE_AUTO)
            t->format = detect(s, n);
        char why[WHY_BYTES] = "";
        int k = parsers[t->format](s, n, t->page_bits, t->pend, why);
        if (k < 0) {
            snprintf(err, errlen, "%s:%llu: %s", t->path, (unsigned long long)t->line, why);
            trace_blame(t, err, errlen);
            return -1;
        }
        for (int i = 0; i < k; i++) {
            t->pend[i].line = t->line;
            if (t->pend[i].addr > t->addr_max) {
                const preset *p = t->limit;
                snprintf(err, errlen, "%s:%llu: address %llu does not fit in %u bits (the %s preset reads"
                         " %u-bit addresses and keeps their low %u bits)", t->path,
                         (unsigned long long)t->line, (unsigned long long)t->pend[i].addr, p->trace_bits,
                         p->name, p->trace_bits, p->va_bits);
                trace_blame(t, err, errlen);
                return -1;
            }
        }
        t->npend = k;
        t->ipend = 0;
    }
    *r = t->pend[t->ipend++];
    return 1;
}
