// SPDX-License-Identifier: MIT
/* fuzz_trace_reader.c — libFuzzer target: the streaming reader, trace_open and
 * trace_next, over a whole trace file: format detection, comments, blank lines, CRLF,
 * a last line without its newline, lines longer than the read block.
 *
 * Input: the trace's bytes, read in auto mode with 4 KiB pages.  An input that
 * starts with the byte 0xFF takes its next byte as a control byte instead:
 *   bits 0-1  format: auto, text, ext, lackey
 *   bit  2    page size 256 B (else 4 KiB)
 *   bit  3    stretch: the trace's first byte is repeated about 1 MiB times (a
 *             space instead of an end-of-line), so a line reaches the reader's block
 *             size (1 MiB)
 *   bits 4-6  the pipe's write size: all at once, 1, 3, 7, 64, 4096, 65536, 1 MiB
 *             (larger when that would take more than 256 writes)
 * The trace is read twice — from a regular file, and from a pipe a second thread
 * fills in pieces of that size — and both reads must give the same records, the
 * same end (0, or -1 and the same message).  Every record has a valid kind, a
 * privilege (S only from the extended format) and a line number that never goes
 * back; after the end, trace_next still says the end; trace_close closes the file. */
#include "tests/fuzz/fuzz_util.h"

#include <pthread.h>
#include <signal.h>

#include "harness/trace/trace.h"
#include "model/types.h"

#define BLOCK_BYTES (1u << 20) /* trace.c's read block */

typedef struct outcome {
    uint64_t records, hash, last_line;
    int rc;
    char err[512];
} outcome;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    return h ^ (h >> 29);
}

static void read_all(const char *path, trace_format fmt, unsigned page_bits, outcome *o)
{
    trace_reader t;
    char err[400];
    memset(o, 0, sizeof *o);
    o->hash = 0xcbf29ce484222325ull;
    if (trace_open(&t, path, fmt, page_bits, err, sizeof err) != 0) {
        o->rc = -2;
        snprintf(o->err, sizeof o->err, "open: %s", err);
        return;
    }
    access_rec r;
    int rc;
    while ((rc = trace_next(&t, &r, err, sizeof err)) == 1) {
        FUZZ_CHECK(r.kind <= ACCESS_EXEC, "record %llu: kind %u", (unsigned long long)o->records,
                   r.kind);
        FUZZ_CHECK(r.line >= 1 && r.line >= o->last_line, "line %llu after line %llu",
                   (unsigned long long)r.line, (unsigned long long)o->last_line);
        FUZZ_CHECK(!r.has_value || r.kind == ACCESS_WRITE, "a value on a non-write");
        FUZZ_CHECK(fmt == TRACE_AUTO || fmt == TRACE_EXT || r.pid == 0, "a pid in a pid-less format");
        FUZZ_CHECK(r.priv == PRIV_U || (r.priv == PRIV_S && (fmt == TRACE_AUTO || fmt == TRACE_EXT)),
                   "privilege %u outside the extended format", r.priv);
        o->last_line = r.line;
        o->records++;
        o->hash = mix(o->hash, r.addr);
        o->hash = mix(o->hash, r.line);
        o->hash = mix(o->hash, ((uint64_t)r.pid << 32) | ((uint64_t)r.priv << 24) | ((uint64_t)r.kind << 16) |
                                   ((uint64_t)r.has_value << 8) | (r.has_value ? r.value : 0));
    }
    o->rc = rc;
    if (rc < 0) {
        snprintf(o->err, sizeof o->err, "%s", err);
        size_t pl = strlen(path);
        FUZZ_CHECK(strncmp(err, path, pl) == 0 && err[pl] == ':', "'%s' does not name the file", err);
    } else {
        FUZZ_CHECK(rc == 0, "trace_next returned %d", rc);
        FUZZ_CHECK(trace_next(&t, &r, err, sizeof err) == 0, "the end is not the end");
    }
    int fd = t.fd;
    trace_close(&t);
    FUZZ_CHECK(fd <= 0 || (fcntl(fd, F_GETFD) == -1 && errno == EBADF),
               "trace_close left descriptor %d open", fd);
}

typedef struct feeder {
    int fd;
    const char *p;
    size_t n, chunk;
} feeder;

static void *feed(void *arg)
{
    feeder *f = arg;
    size_t off = 0;
    while (off < f->n) {
        size_t k = f->n - off < f->chunk ? f->n - off : f->chunk;
        ssize_t w = write(f->fd, f->p + off, k);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* EPIPE: the reader stopped early, at an error */
        off += (size_t)w;
    }
    close(f->fd);
    return NULL;
}

static void read_pipe(const char *text, size_t n, size_t chunk, trace_format fmt,
                      unsigned page_bits, outcome *o)
{
    int p[2];
    FUZZ_CHECK(pipe(p) == 0, "pipe: %s", strerror(errno));
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    feeder f = {p[1], text, n, chunk};
    if (chunk >= n && n <= 65536) {
        /* All at once, and it fits the pipe (64 KiB on Linux): no thread needed. */
        feed(&f);
        read_all(path, fmt, page_bits, o);
        close(p[0]);
        return;
    }
    pthread_t th;
    FUZZ_CHECK(pthread_create(&th, NULL, feed, &f) == 0, "pthread_create");
    read_all(path, fmt, page_bits, o);
    close(p[0]); /* the writer, if still writing, gets EPIPE */
    pthread_join(th, NULL);
}

/* The message after "PATH:", so a file's and a pipe's can be compared. */
static const char *after_path(const char *err, const char *path)
{
    size_t pl = strlen(path);
    return strncmp(err, path, pl) == 0 ? err + pl : err;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    signal(SIGPIPE, SIG_IGN);
    /* The reader's refusals, once: a directory, a missing file. */
    trace_reader t;
    char err[512];
    FUZZ_CHECK(trace_open(&t, "/", TRACE_AUTO, 12, err, sizeof err) == -1 && strstr(err, "directory"),
               "a directory opened as a trace");
    FUZZ_CHECK(trace_open(&t, "/nonexistent/vmmu-fuzz", TRACE_AUTO, 12, err, sizeof err) == -1,
               "a missing file opened as a trace");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t chunks[] = {0, 1, 3, 7, 64, 4096, 65536, 1u << 20};
    unsigned ctl = 0;
    if (size >= 2 && data[0] == 0xFF) {
        ctl = data[1];
        data += 2;
        size -= 2;
    }
    trace_format fmt = (trace_format)(ctl & 3);
    unsigned page_bits = ctl & 4 ? 8 : 12;
    size_t chunk = chunks[(ctl >> 4) & 7];

    const char *text = (const char *)data;
    char *big = NULL;
    size_t n = size;
    if ((ctl & 8) && size > 0) {
        size_t rep = BLOCK_BYTES - 8 + size % 16;
        n = rep + size - 1;
        big = malloc(n);
        FUZZ_CHECK(big != NULL, "out of memory");
        /* One long line: an end-of-line byte would make a million blank lines. */
        memset(big, data[0] == '\n' || data[0] == '\r' ? ' ' : data[0], rep);
        memcpy(big + rep, data + 1, size - 1);
        text = big;
    }
    if (!chunk)
        chunk = n ? n : 1;
    if (n / chunk > 256)
        chunk = n / 256 + 1; /* at most about 256 writes: a stretched trace stays fast */

    const char *path = fuzz_temp_path("trace");
    fuzz_write_file(path, text, n);
    outcome a, b;
    read_all(path, fmt, page_bits, &a);
    unlink(path); /* libFuzzer may end without running atexit handlers */
    FUZZ_CHECK(a.rc != -2, "%s", a.err);
    /* A line gives at most TRACE_MAX_RECS records and takes at least one byte; a
     * compressed input (gzip, xz, zstd magic) can expand without such a bound. */
    int packed = (n >= 2 && !memcmp(text, "\x1f\x8b", 2)) || (n >= 6 && !memcmp(text, "\xfd" "7zXZ\0", 6)) ||
                 (n >= 4 && !memcmp(text, "\x28\xb5\x2f\xfd", 4));
    FUZZ_CHECK(packed || a.records <= TRACE_MAX_RECS * (uint64_t)n, "%llu records from %zu bytes",
               (unsigned long long)a.records, n);
    read_pipe(text, n, chunk, fmt, page_bits, &b);
    FUZZ_CHECK(b.rc != -2, "%s", b.err);
    FUZZ_CHECK(a.rc == b.rc && a.records == b.records && a.hash == b.hash,
               "file and pipe differ: %d/%llu records '%s' vs %d/%llu records '%s'", a.rc,
               (unsigned long long)a.records, a.err, b.rc, (unsigned long long)b.records, b.err);
    if (a.rc < 0) {
        const char *ea = after_path(a.err, path);
        const char *eb = strchr(b.err + strlen("/dev/fd/"), ':');
        FUZZ_CHECK(eb && strcmp(ea, eb) == 0, "file and pipe errors differ: '%s' vs '%s'", a.err, b.err);
    }
    free(big);
    return 0;
}
