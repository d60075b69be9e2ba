/* trace_source.c — the bytes of a trace: plain, or through zlib, liblzma or libzstd. */
#define _POSIX_C_SOURCE 200809L
#include "harness/trace_source.h"

#include "harness/interrupt.h"

#include <errno.h>
#include <stdarg.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum kind { SRC_TEXT, SRC_GZIP, SRC_XZ, SRC_ZSTD };

/* Compressed input is read this much at a time: about a megabyte of text out of
 * each, so the decoder runs a long stretch per read. */
#define IN_BYTES (128u * 1024)
#define MAGIC_BYTES 6 /* xz's, the longest of the three */
/* xz's memory limit: xz -9 needs 65 MiB; a header asking for more than this is not
 * a trace someone made, and must not make the reader allocate it. */
#define XZ_MEMLIMIT (1024ull << 20)

struct trace_source {
    int fd;
    enum kind kind;
    int eof;          /* the descriptor is at its end (or the run is interrupted) */
    int interrupted;  /* SIGINT/SIGTERM: what was read is all there is */
    int done;         /* the compressed data ended where a stream ends */
    char failed[160]; /* the first error, repeated if asked again */
    uint64_t consumed;
    unsigned char *in; /* text: the magic bytes read ahead; else the compressed input */
    size_t in_pos, in_len;
    union {
        z_stream z;
        lzma_stream x;
        ZSTD_DStream *zs;
    } u;
    int member_end;   /* gzip: a member ended; another may follow */
    size_t zs_hint;   /* zstd: 0 when the last frame is complete */
    int ready;        /* the decoder was set up (so close must end it) */
};

static const char *const names[] = {"text", "gzip", "xz", "zstd"};

const char *trace_source_kind(const trace_source *s) { return names[s->kind]; }
int trace_source_compressed(const trace_source *s) { return s->kind != SRC_TEXT; }
uint64_t trace_source_consumed(const trace_source *s) { return s->consumed; }

/* read(), retried on EINTR unless the run is being interrupted (then the end). */
static ssize_t raw_read(trace_source *s, void *buf, size_t n)
{
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r < 0 && errno == EINTR && interrupt_signal()) {
            s->interrupted = 1;
            s->eof = 1;
            return 0;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            s->eof = 1;
        if (r > 0)
            s->consumed += (uint64_t)r;
        return r;
    }
}

/* Records the first error (a later read repeats it) and gives it in why. */
__attribute__((format(printf, 4, 5))) static ssize_t fail(trace_source *s, char *why, size_t whylen,
                                                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->failed, sizeof s->failed, fmt, ap);
    va_end(ap);
    snprintf(why, whylen, "%s", s->failed);
    return -1;
}

/* More compressed input, when all of it was used: -1 on a read error. */
static int fill(trace_source *s, char *why, size_t whylen)
{
    s->in_pos = s->in_len = 0;
    ssize_t r = raw_read(s, s->in, IN_BYTES);
    if (r < 0)
        return (int)fail(s, why, whylen, "read error: %s", strerror(errno));
    s->in_len = (size_t)r;
    return 0;
}

static ssize_t truncated(trace_source *s, char *why, size_t whylen)
{
    return fail(s, why, whylen, "truncated %s data: the file ends inside a compressed stream", names[s->kind]);
}

static ssize_t gzip_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen)
{
    z_stream *z = &s->u.z;
    z->next_out = (Bytef *)dst;
    z->avail_out = (uInt)cap;
    for (;;) {
        if (z->avail_in == 0 && !s->eof) {
            if (z->avail_out < cap)
                break; /* something to give: do not block for more */
            if (fill(s, why, whylen) != 0)
                return -1;
            z->next_in = s->in;
            z->avail_in = (uInt)s->in_len;
        }
        if (s->member_end) {
            if (z->avail_in == 0)
                break; /* the end, where a member ends */
            inflateReset(z); /* another member follows, as gzip -d reads it */
            s->member_end = 0;
        }
        uInt in0 = z->avail_in, out0 = z->avail_out;
        int rc = inflate(z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s->member_end = 1;
        } else if (rc == Z_MEM_ERROR) {
            return fail(s, why, whylen, "out of memory decoding %s data", names[s->kind]);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return fail(s, why, whylen, "corrupt %s data (zlib: %s)", names[s->kind], z->msg ? z->msg : "bad data");
        } else if (z->avail_in == in0 && z->avail_out == out0 && z->avail_out) {
            /* No progress with room to write: the input is used up. */
            if (z->avail_in)
                return fail(s, why, whylen, "corrupt %s data (zlib: no progress)", names[s->kind]);
            if (!s->eof)
                continue;
            if (z->avail_out < cap || s->interrupted)
                break;
            return truncated(s, why, whylen);
        }
        if (z->avail_out == 0)
            break;
    }
    if (s->eof && s->member_end && z->avail_in == 0)
        s->done = 1;
    return (ssize_t)(cap - z->avail_out);
}

static ssize_t xz_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen)
{
    lzma_stream *x = &s->u.x;
    x->next_out = (uint8_t *)dst;
    x->avail_out = cap;
    while (!s->done) {
        if (x->avail_in == 0 && !s->eof) {
            if (x->avail_out < cap)
                break;
            if (fill(s, why, whylen) != 0)
                return -1;
            x->next_in = s->in;
            x->avail_in = s->in_len;
        }
        int finish = x->avail_in == 0 && s->eof;
        if (finish && s->interrupted)
            break;
        lzma_ret rc = lzma_code(x, finish ? LZMA_FINISH : LZMA_RUN);
        if (rc == LZMA_STREAM_END) {
            s->done = 1; /* with LZMA_CONCATENATED: only once every stream has ended */
        } else if (rc == LZMA_BUF_ERROR && finish) {
            if (x->avail_out < cap)
                break;
            return truncated(s, why, whylen);
        } else if (rc == LZMA_MEM_ERROR) {
            return fail(s, why, whylen, "out of memory decoding %s data", names[s->kind]);
        } else if (rc == LZMA_MEMLIMIT_ERROR) {
            return fail(s, why, whylen, "%s data needing more than 1 GiB of memory to decode", names[s->kind]);
        } else if (rc == LZMA_OPTIONS_ERROR) {
            return fail(s, why, whylen, "%s data with options liblzma does not support", names[s->kind]);
        } else if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
            return fail(s, why, whylen, "corrupt %s data (liblzma: %s)", names[s->kind],
                        rc == LZMA_FORMAT_ERROR ? "not an xz stream" : "bad data or checksum");
        }
        if (x->avail_out == 0)
            break;
    }
    return (ssize_t)(cap - x->avail_out);
}

static ssize_t zstd_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen)
{
    ZSTD_outBuffer out = {dst, cap, 0};
    for (;;) {
        if (s->in_pos == s->in_len && !s->eof) {
            if (out.pos)
                break;
            if (fill(s, why, whylen) != 0)
                return -1;
        }
        ZSTD_inBuffer in = {s->in, s->in_len, s->in_pos};
        size_t out0 = out.pos;
        size_t rc = ZSTD_decompressStream(s->u.zs, &out, &in);
        if (ZSTD_isError(rc))
            return fail(s, why, whylen, "corrupt %s data (libzstd: %s)", names[s->kind], ZSTD_getErrorName(rc));
        int progress = in.pos != s->in_pos || out.pos != out0;
        s->in_pos = in.pos;
        if (progress)
            s->zs_hint = rc; /* asked again with nothing new, it answers for a next frame */
        if (out.pos == out.size)
            break;
        if (!progress && s->in_pos == s->in_len && s->eof) {
            /* Nothing left in the decoder or the file. */
            if (out.pos || s->interrupted)
                break;
            if (s->zs_hint != 0)
                return truncated(s, why, whylen);
            s->done = 1;
            break;
        }
    }
    return (ssize_t)out.pos;
}

trace_source *trace_source_open(int fd, char *why, size_t whylen)
{
    trace_source *s = calloc(1, sizeof *s);
    unsigned char *in = malloc(IN_BYTES);
    if (!s || !in) {
        free(s);
        free(in);
        snprintf(why, whylen, "out of memory for the trace's input buffer");
        return NULL;
    }
    s->fd = fd;
    s->in = in;
    memset(in, 0, MAGIC_BYTES); /* gcc -O2 cannot see the length guards the reads below */
    /* The magic number: a pipe may give it in pieces. */
    while (s->in_len < MAGIC_BYTES && !s->eof) {
        ssize_t r = raw_read(s, s->in + s->in_len, MAGIC_BYTES - s->in_len);
        if (r < 0) {
            snprintf(why, whylen, "cannot read trace: %s", strerror(errno));
            trace_source_close(s);
            return NULL;
        }
        s->in_len += (size_t)r;
    }
    const unsigned char *m = s->in;
    size_t n = s->in_len;
    if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
        s->kind = SRC_GZIP;
    else if (n >= 6 && memcmp(m, "\xfd" "7zXZ\0", 6) == 0)
        s->kind = SRC_XZ;
    /* A zstd frame, or a skippable frame (0x184D2A50..5F), little-endian. */
    else if (n >= 4 && ((m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) ||
                        ((m[0] & 0xf0) == 0x50 && m[1] == 0x2a && m[2] == 0x4d && m[3] == 0x18)))
        s->kind = SRC_ZSTD;

    int ok = 1;
    switch (s->kind) {
    case SRC_TEXT:
        return s;
    case SRC_GZIP:
        s->u.z.next_in = s->in;
        s->u.z.avail_in = (uInt)s->in_len;
        ok = inflateInit2(&s->u.z, 16 + MAX_WBITS) == Z_OK; /* gzip's wrapper only */
        break;
    case SRC_XZ:
        s->u.x = (lzma_stream)LZMA_STREAM_INIT;
        s->u.x.next_in = s->in;
        s->u.x.avail_in = s->in_len;
        ok = lzma_stream_decoder(&s->u.x, XZ_MEMLIMIT, LZMA_CONCATENATED) == LZMA_OK;
        break;
    case SRC_ZSTD:
        /* The library's default window limit (128 MiB) is zstd -d's too. */
        s->u.zs = ZSTD_createDStream();
        ok = s->u.zs && !ZSTD_isError(ZSTD_initDStream(s->u.zs));
        s->zs_hint = 1;
        break;
    }
    s->ready = ok;
    if (!ok) {
        snprintf(why, whylen, "out of memory for the %s decoder", names[s->kind]);
        trace_source_close(s);
        return NULL;
    }
    return s;
}

void trace_source_close(trace_source *s)
{
    if (!s)
        return;
    if (s->ready) {
        if (s->kind == SRC_GZIP)
            inflateEnd(&s->u.z);
        else if (s->kind == SRC_XZ)
            lzma_end(&s->u.x);
        else if (s->kind == SRC_ZSTD)
            ZSTD_freeDStream(s->u.zs);
    }
    free(s->in);
    free(s);
}

ssize_t trace_source_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen)
{
    if (s->failed[0]) {
        snprintf(why, whylen, "%s", s->failed);
        return -1;
    }
    if (cap == 0)
        return 0;
    switch (s->kind) {
    case SRC_GZIP:
        return gzip_read(s, dst, cap, why, whylen);
    case SRC_XZ:
        return xz_read(s, dst, cap, why, whylen);
    case SRC_ZSTD:
        return s->done ? 0 : zstd_read(s, dst, cap, why, whylen);
    case SRC_TEXT:
        break;
    }
    if (s->in_pos < s->in_len) { /* the bytes read to tell the format come first */
        size_t k = s->in_len - s->in_pos < cap ? s->in_len - s->in_pos : cap;
        memcpy(dst, s->in + s->in_pos, k);
        s->in_pos += k;
        return (ssize_t)k;
    }
    if (s->eof)
        return 0;
    ssize_t r = raw_read(s, dst, cap);
    if (r < 0)
        return fail(s, why, whylen, "read error: %s", strerror(errno));
    return r;
}

int trace_source_verify(trace_source *s, char *why, size_t whylen)
{
    if (s->kind == SRC_TEXT)
        return 0;
    enum { SCRATCH = 64 * 1024 };
    char *scratch = malloc(SCRATCH);
    if (!scratch)
        return 0; /* cannot tell: the caller's own error stands */
    ssize_t r;
    while ((r = trace_source_read(s, scratch, SCRATCH, why, whylen)) > 0) {
    }
    free(scratch);
    return r < 0 ? -1 : 0;
}
