// SPDX-License-Identifier: MIT
/* trace.h — the streaming trace reader: one record type for every format.
 *
 * Formats (README.md, "The command line"): the textbook's one address per line;
 * the extended `[pid] R|W|X addr [value] [U|S]`; Valgrind lackey's `I`, ` L`, ` S`, ` M`
 * lines.  The format is named, or found from the first line that is not blank or a
 * comment.
 * Blank lines, `#` comments and CRLF endings are accepted in every format.  The file
 * is read in large blocks: memory does not grow with the trace.  A gzip, xz or zstd
 * file (told by its magic number) reads as the text it holds.
 */
#ifndef VMMU_TRACE_H
#define VMMU_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "harness/base/access.h"
#include "model/preset.h"

typedef enum trace_format { TRACE_AUTO = 0, TRACE_TEXT, TRACE_EXT, TRACE_LACKEY } trace_format;

/* 1 if r->text is the address written as printf would write it in decimal (no
 * leading zero): then printing may copy it. */
static inline int trace_text_is_decimal(const access_rec *r)
{
    return r->text && (r->text[0] != '0' || r->text_len == 1);
}

/* The most records one line can give: a lackey `M` of 4096 bytes on 256-byte pages
 * touches 17 pages, read and then written. */
#define TRACE_MAX_RECS 34

/* A line's parser: fills up to TRACE_MAX_RECS records (one per page an access
 * touches; a lackey `M` is a read then a write) and returns how many, or -1 with a
 * reason in `why` (WHY_BYTES).
 * `s` points at the line without its end-of-line, `n` its length. */
#define WHY_BYTES 160
typedef int (*trace_parse_fn)(const char *s, size_t n, unsigned page_bits, access_rec *out,
                              char *why);
int trace_parse_text(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why);
int trace_parse_ext(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why);
int trace_parse_lackey(const char *s, size_t n, unsigned page_bits, access_rec *out, char *why);

typedef struct trace_reader {
    int fd;
    struct trace_source *src; /* fd's bytes, decompressed if need be (trace_source.h) */
    const char *path;
    char *buf;           /* a block of the file */
    size_t len, pos;     /* bytes in buf; start of the next line */
    int eof;
    uint64_t line;       /* lines consumed so far */
    trace_format format;
    trace_parse_fn parse;
    unsigned page_bits;  /* where a lackey access crosses into the next page */
    uint64_t addr_max;   /* a larger address is bad input (trace_limit) */
    const preset *limit; /* whose rule addr_max is, or NULL */
    access_rec pend[TRACE_MAX_RECS]; /* records of the current line not yet handed out */
    int npend, ipend;
} trace_reader;

/* Opens `path` ("-" is standard input).  Returns 0, or -1 with a one-line reason
 * that names the file in err. */
int trace_open(trace_reader *t, const char *path, trace_format format, unsigned page_bits,
               char *err, size_t errlen);
void trace_close(trace_reader *t);

/* Holds the trace to the preset's rule for addresses (presets.def, the last column):
 * with the textbook's, an address wider than its trace_bits is bad input, refused
 * with `file:line`.  Without this call every 64-bit address is read. */
void trace_limit(trace_reader *t, const preset *p);

/* Reads up to `max` accesses into r[0..]: returns how many (>= 1), 0 at the end, or
 * -1 with `file:line: what is wrong` in err.  A run of the textbook format's common
 * line is read in one tight loop (trace_fast.h); any other line goes through the
 * whole reader (every format, comments, refills, errors), alone in its batch, so a
 * refill of the buffer never moves the text of records already handed out in it. */
int trace_read(trace_reader *t, access_rec *r, size_t max, char *err, size_t errlen);

/* Reads the next access: 1, 0 at the end, or -1 as trace_read(). */
int trace_next(trace_reader *t, access_rec *r, char *err, size_t errlen);

/* After an error about the trace's content (a line that does not parse, which
 * trace_read() checks itself; an address out of range, which its caller finds): if
 * the trace is compressed and the next TRACE_BLAME_BYTES of it are corrupt or cut
 * short, err becomes `file: corrupt ...`, the cause.  Nothing is read after it. */
#define TRACE_BLAME_BYTES (64u << 20)
void trace_blame(trace_reader *t, char *err, size_t errlen);

/* Parses a trace format's name ("auto", "text", "ext", "lackey"); -1 if unknown. */
int trace_format_parse(const char *name);
/* The name of a format, as trace_format_parse() reads it; NULL past the last, so
 * trace_format_name(0, 1, ...) lists them all. */
const char *trace_format_name(trace_format f);

#endif
