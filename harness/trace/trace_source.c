// SPDX-License-Identifier: MIT
/* trace_source.c — the bytes of a trace: plain, or through zlib, liblzma or libzstd. */
#define _POSIX_C_SOURCE 200809L
#include "harness/trace/trace_source.h"

#include "harness/base/interrupt.h"

#include <errno.h>
#include <stdarg.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

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
    int ready;        /* gzip: inflateInit2 succeeded (so close must end it) */
};

static const char *const names[] = {"text", "gzip", "xz", "zstd"};

const char *trace_source_kind(const trace_source *s) { return names[s->kind]; }
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

/* Records the error.  A decoder stops at it but first hands out what it decoded
 * before it, so the bytes before an error do not depend on how the input came in
 * (a file's large reads, a pipe's small ones); the next read reports it. */
__attribute__((format(printf, 2, 3))) static void fail(trace_source *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->failed, sizeof s->failed, fmt, ap);
    va_end(ap);
}

/* More compressed input, when all of it was used: -1 on a read error. */
static int fill(trace_source *s)
{
    s->in_pos = s->in_len = 0;
    ssize_t r = raw_read(s, s->in, IN_BYTES);
    if (r < 0) {
        fail(s, "read error: %s", strerror(errno));
        return -1;
    }
    s->in_len = (size_t)r;
    return 0;
}

/* The input ended inside a stream: an error unless the run is being interrupted. */
static void ended_early(trace_source *s)
{
    if (!s->interrupted)
        fail(s, "truncated %s data: the file ends inside a compressed stream", names[s->kind]);
}

static size_t gzip_read(trace_source *s, char *dst, size_t cap)
{
    z_stream *z = &s->u.z;
    z->next_out = (Bytef *)dst;
    z->avail_out = (uInt)cap;
    while (z->avail_out) {
        if (z->avail_in == 0 && !s->eof) {
            if (z->avail_out < cap || fill(s) != 0)
                break; /* something to give: do not block for more */
            z->next_in = s->in;
            z->avail_in = (uInt)s->in_len;
        }
        if (s->member_end) {
            if (z->avail_in == 0) {
                s->done = 1; /* the end, where a member ends */
                break;
            }
            inflateReset(z); /* another member follows, as gzip -d reads it */
            s->member_end = 0;
        }
        uInt in0 = z->avail_in, out0 = z->avail_out;
        int rc = inflate(z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s->member_end = 1;
        } else if (rc == Z_MEM_ERROR) {
            fail(s, "out of memory decoding gzip data");
            break;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            fail(s, "corrupt gzip data (zlib: %s)", z->msg ? z->msg : "bad data");
            break;
        } else if (z->avail_in == in0 && z->avail_out == out0) {
            /* No progress with room to write: the input is used up. */
            if (z->avail_in) {
                fail(s, "corrupt gzip data (zlib: no progress)");
                break;
            }
            if (s->eof) {
                if (z->avail_out == cap)
                    ended_early(s);
                break;
            }
        }
    }
    return cap - z->avail_out;
}

static size_t xz_read(trace_source *s, char *dst, size_t cap)
{
    lzma_stream *x = &s->u.x;
    x->next_out = (uint8_t *)dst;
    x->avail_out = cap;
    while (x->avail_out && !s->done) {
        if (x->avail_in == 0 && !s->eof) {
            if (x->avail_out < cap || fill(s) != 0)
                break;
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
            if (x->avail_out == cap)
                ended_early(s);
            break;
        } else if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
            if (rc == LZMA_MEM_ERROR)
                fail(s, "out of memory decoding xz data");
            else if (rc == LZMA_MEMLIMIT_ERROR)
                fail(s, "xz data needing more than %llu MiB of memory to decode",
                     (unsigned long long)(XZ_MEMLIMIT >> 20));
            else if (rc == LZMA_OPTIONS_ERROR)
                fail(s, "xz data with options liblzma does not support");
            else
                fail(s, "corrupt xz data (liblzma: %s)",
                     rc == LZMA_FORMAT_ERROR ? "not an xz stream" : "bad data or checksum");
            break;
        }
    }
    return cap - x->avail_out;
}

/* One block a call at most, and what the decoder holds flushed before the next is
 * fed: libzstd's error return drops the count of bytes it wrote in the same call, so
 * this keeps the bytes before a corrupt block whatever the reads' sizes. */
static size_t zstd_read(trace_source *s, char *dst, size_t cap)
{
    ZSTD_outBuffer out = {dst, cap, 0};
    while (out.pos < out.size && !s->done) {
        ZSTD_inBuffer in = {s->in, s->in_pos, s->in_pos}; /* nothing new: a flush */
        size_t out0 = out.pos;
        size_t rc = ZSTD_decompressStream(s->u.zs, &out, &in);
        if (!ZSTD_isError(rc) && out.pos != out0) {
            s->zs_hint = rc;
            continue;
        }
        if (s->in_pos == s->in_len && !s->eof) {
            if (out.pos || fill(s) != 0)
                break; /* something to give: do not block for more */
        }
        if (s->in_pos == s->in_len) {
            /* Nothing left in the decoder or the file. */
            if (s->zs_hint == 0)
                s->done = 1;
            else if (out.pos == 0)
                ended_early(s);
            break;
        }
        /* The hint is the next block's size; 0 after a frame: another may follow. */
        size_t feed = s->in_len - s->in_pos, want = s->zs_hint ? s->zs_hint : 1;
        in = (ZSTD_inBuffer){s->in, s->in_pos + (feed < want ? feed : want), s->in_pos};
        rc = ZSTD_decompressStream(s->u.zs, &out, &in);
        if (ZSTD_isError(rc) && ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge) {
            fail(s, "zstd data with a window over 128 MiB (zstd --long=31?), more than zstd -d "
                    "reads without --memory: recompress it without --long");
            break;
        }
        if (ZSTD_isError(rc)) {
            fail(s, "corrupt zstd data (libzstd: %s)", ZSTD_getErrorName(rc));
            break;
        }
        if (in.pos != s->in_pos || out.pos != out0)
            s->zs_hint = rc; /* asked again with nothing new, it answers for a next frame */
        s->in_pos = in.pos;
    }
    return out.pos;
}

static size_t text_read(trace_source *s, char *dst, size_t cap)
{
    if (s->in_pos < s->in_len) { /* the bytes read to tell the format come first */
        size_t k = s->in_len - s->in_pos < cap ? s->in_len - s->in_pos : cap;
        memcpy(dst, s->in + s->in_pos, k);
        s->in_pos += k;
        return k;
    }
    if (s->eof)
        return 0;
    ssize_t r = raw_read(s, dst, cap);
    if (r < 0) {
        fail(s, "read error: %s", strerror(errno));
        return 0;
    }
    return (size_t)r;
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
    if (s->kind == SRC_GZIP && s->ready)
        inflateEnd(&s->u.z);
    else if (s->kind == SRC_XZ)
        lzma_end(&s->u.x); /* safe on a stream whose set-up failed */
    else if (s->kind == SRC_ZSTD)
        ZSTD_freeDStream(s->u.zs); /* NULL, or created even if its set-up failed */
    free(s->in);
    free(s);
}

ssize_t trace_source_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen)
{
    size_t n = 0;
    if (!s->failed[0] && cap) {
        switch (s->kind) {
        case SRC_TEXT:
            n = text_read(s, dst, cap);
            break;
        case SRC_GZIP:
            n = gzip_read(s, dst, cap);
            break;
        case SRC_XZ:
            n = xz_read(s, dst, cap);
            break;
        case SRC_ZSTD:
            n = zstd_read(s, dst, cap);
            break;
        }
    }
    if (n == 0 && s->failed[0]) {
        snprintf(why, whylen, "%s", s->failed);
        return -1;
    }
    return (ssize_t)n;
}

int trace_source_verify(trace_source *s, uint64_t limit, char *why, size_t whylen)
{
    if (s->kind == SRC_TEXT)
        return 0;
    enum { SCRATCH = 64 * 1024 };
    char *scratch = malloc(SCRATCH);
    if (!scratch)
        return 0; /* cannot tell: the caller's own error stands */
    ssize_t r;
    uint64_t seen = 0;
    while (seen < limit && (r = trace_source_read(s, scratch, SCRATCH, why, whylen)) > 0)
        seen += (uint64_t)r;
    free(scratch);
    return s->failed[0] ? (snprintf(why, whylen, "%s", s->failed), -1) : 0;
}
