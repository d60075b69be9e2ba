// SPDX-License-Identifier: MIT
/* gen_out.c -- formatting records and writing tracegen's output file.
 *
 * Lines are formatted by hand into one large buffer that is written with
 * write(2) when nearly full: printf per line would dominate the run time of
 * a 10^8-access trace.  A named regular file is built under a temporary
 * name and renamed into place at the end (see gen.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "gen.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GEN_OUT_BUF (1u << 20) /* bytes buffered between write(2) calls */
#define GEN_OUT_LINE 64        /* longest line: "4294967295 W 0x" + 16 + " 255 S\n" */

/* The temporary file to remove if a signal ends the run.  Static because a
 * signal handler can reach nothing else; one output per process. */
static char gen_out_doomed[4096];
static volatile sig_atomic_t gen_out_armed;

/* Removes the temporary file, then dies of the same signal.  unlink(),
 * signal() and raise() are async-signal-safe. */
static void gen_out_on_signal(int sig)
{
    if (gen_out_armed)
        unlink(gen_out_doomed);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void gen_out_arm(const char *tmp)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa;

    if (strlen(tmp) >= sizeof gen_out_doomed)
        return; /* too long to remember: a signal then leaves the temp file */
    memcpy(gen_out_doomed, tmp, strlen(tmp) + 1);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = gen_out_on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    gen_out_armed = 1;
}

static void gen_out_disarm(void)
{
    gen_out_armed = 0;
}

/* Opens path (NULL: stdout).  Returns 0, or -1 with errno set. */
int gen_out_open(gen_out *w, const char *path)
{
    struct stat st;

    memset(w, 0, sizeof *w);
    w->fd = -1;
    w->path = path;
    w->cap = GEN_OUT_BUF;
    w->buf = malloc(w->cap);
    if (w->buf == NULL)
        return -1;

    if (path == NULL) {
        w->fd = STDOUT_FILENO;
        return 0;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/null, a FIFO, a terminal: there is nothing to replace
         * atomically (and renaming over /dev/null would be a disaster). */
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            goto fail;
        }
        w->fd = open(path, O_WRONLY | O_TRUNC);
        if (w->fd < 0)
            goto fail;
        return 0;
    }

    /* A temporary file beside the final one, so rename() stays within one
     * file system and is atomic. */
    size_t n = strlen(path);
    w->tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (w->tmp == NULL)
        goto fail;
    memcpy(w->tmp, path, n);
    memcpy(w->tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    w->fd = mkstemp(w->tmp);
    if (w->fd < 0)
        goto fail;
    gen_out_arm(w->tmp);
    /* mkstemp() makes the file 0600; give it the mode open() would have. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(w->fd, 0666 & ~mask) != 0) {
        int e = errno;
        close(w->fd);
        unlink(w->tmp);
        gen_out_disarm();
        errno = e;
        w->fd = -1;
        goto fail;
    }
    return 0;

fail: {
    int e = errno;
    free(w->tmp);
    free(w->buf);
    w->tmp = NULL;
    w->buf = NULL;
    errno = e;
    return -1;
}
}

/* Writes the buffer out.  Returns 0, or -1 with w->err set. */
static int gen_out_flush(gen_out *w)
{
    size_t done = 0;

    if (w->err)
        return -1;
    while (done < w->len) {
        ssize_t k = write(w->fd, w->buf + done, w->len - done);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            w->err = errno;
            return -1;
        }
        done += (size_t)k;
    }
    w->len = 0;
    return 0;
}

/* Writes v in decimal at p.  Returns the number of characters. */
static size_t gen_out_dec(char *p, uint64_t v)
{
    char t[20];
    size_t n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = t[n - 1 - i];
    return n;
}

/* Writes v as 0x-prefixed lowercase hex at p.  Returns the characters. */
static size_t gen_out_hex(char *p, uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    char t[16];
    size_t n = 0;
    do {
        t[n++] = digits[v & 15];
        v >>= 4;
    } while (v != 0);
    p[0] = '0';
    p[1] = 'x';
    for (size_t i = 0; i < n; i++)
        p[2 + i] = t[n - 1 - i];
    return n + 2;
}

/* Appends one access as a line.  Returns 0, or -1 once a write failed. */
int gen_out_access(gen_out *w, const gen_access *a, gen_format f)
{
    if (w->cap - w->len < GEN_OUT_LINE && gen_out_flush(w) != 0)
        return -1;
    char *p = w->buf + w->len;
    char *q = p;
    if (f == GEN_FMT_TEXT) {
        q += gen_out_dec(q, a->addr);
    } else {
        q += gen_out_dec(q, a->pid);
        *q++ = ' ';
        *q++ = a->kind;
        *q++ = ' ';
        q += gen_out_hex(q, a->addr);
        if (a->kind == 'W') {
            *q++ = ' ';
            q += gen_out_dec(q, a->value & 255);
        }
        if (a->smode) {
            *q++ = ' ';
            *q++ = 'S';
        }
    }
    *q++ = '\n';
    w->len += (size_t)(q - p);
    return 0;
}

/* Appends n raw bytes.  Returns 0, or -1 once a write failed. */
int gen_out_bytes(gen_out *w, const unsigned char *p, size_t n)
{
    while (n > 0) {
        if (w->len == w->cap && gen_out_flush(w) != 0)
            return -1;
        size_t k = w->cap - w->len;
        if (k > n)
            k = n;
        memcpy(w->buf + w->len, p, k);
        w->len += k;
        p += k;
        n -= k;
    }
    return 0;
}

/* Flushes and, for a temporary file, syncs, closes and renames it.
 * Returns 0, or -1 with w->err set (the temporary file is removed). */
int gen_out_commit(gen_out *w)
{
    int rc = gen_out_flush(w);

    free(w->buf);
    w->buf = NULL;
    if (w->tmp == NULL) {
        /* stdout stays open for the C runtime; a device we opened we close. */
        if (w->path != NULL && close(w->fd) != 0 && rc == 0) {
            w->err = errno;
            rc = -1;
        }
        return rc;
    }
    /* fsync before rename: after a crash the final name holds either the
     * old file or the whole new one, never a truncated one. */
    if (rc == 0 && fsync(w->fd) != 0) {
        w->err = errno;
        rc = -1;
    }
    if (close(w->fd) != 0 && rc == 0) {
        w->err = errno;
        rc = -1;
    }
    if (rc == 0 && rename(w->tmp, w->path) != 0) {
        w->err = errno;
        rc = -1;
    }
    if (rc != 0)
        unlink(w->tmp);
    gen_out_disarm();
    free(w->tmp);
    w->tmp = NULL;
    return rc;
}

/* Gives up: closes and removes the temporary file, frees the buffer. */
void gen_out_abort(gen_out *w)
{
    free(w->buf);
    w->buf = NULL;
    if (w->tmp != NULL) {
        close(w->fd);
        unlink(w->tmp);
        gen_out_disarm();
        free(w->tmp);
        w->tmp = NULL;
    } else if (w->path != NULL) {
        close(w->fd);
    }
}
