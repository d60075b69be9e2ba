/* trace.h — the streaming trace reader: one record type for every format.
 *
 * Formats (DESIGN.md "Traces"): the textbook's one address per line; the extended
 * `[pid] R|W|X addr [value]`; Valgrind lackey's `I`, ` L`, ` S`, ` M` lines.  The
 * format is named, or found from the first line that is not blank or a comment.
 * Blank lines, `#` comments and CRLF endings are accepted in every format.  The file
 * is read in large blocks: memory does not grow with the trace.
 */
#ifndef VMMU_TRACE_H
#define VMMU_TRACE_H

#include <stddef.h>
#include <stdint.h>

typedef enum trace_format { TRACE_AUTO = 0, TRACE_TEXT, TRACE_EXT, TRACE_LACKEY } trace_format;

/* One memory access. */
typedef struct trace_rec {
    uint64_t addr;
    uint64_t line;       /* 1-based line of the trace it came from */
    uint32_t pid;        /* 0 unless the format names one */
    uint8_t kind;        /* an access_kind */
    uint8_t has_value;   /* a write that names the byte it stores */
    uint8_t value;
} trace_rec;

/* The most records one line can give: a lackey `M` of 4096 bytes on 256-byte pages
 * touches 17 pages, read and then written. */
#define TRACE_MAX_RECS 34

/* A line's parser: fills up to TRACE_MAX_RECS records (one per page an access
 * touches; a lackey `M` is a read then a write) and returns how many, or -1 with a
 * reason in `why` (WHY_BYTES).
 * `s` points at the line without its end-of-line, `n` its length. */
#define WHY_BYTES 160
typedef int (*trace_parse_fn)(const char *s, size_t n, unsigned page_bits, trace_rec *out,
                              char *why);
int trace_parse_text(const char *s, size_t n, unsigned page_bits, trace_rec *out, char *why);
int trace_parse_ext(const char *s, size_t n, unsigned page_bits, trace_rec *out, char *why);
int trace_parse_lackey(const char *s, size_t n, unsigned page_bits, trace_rec *out, char *why);

typedef struct trace_reader {
    int fd;
    const char *path;
    char *buf;           /* a block of the file */
    size_t len, pos;     /* bytes in buf; start of the next line */
    int eof;
    uint64_t line;       /* lines consumed so far */
    trace_format format;
    trace_parse_fn parse;
    unsigned page_bits;  /* where a lackey access crosses into the next page */
    trace_rec pend[TRACE_MAX_RECS]; /* records of the current line not yet handed out */
    int npend, ipend;
} trace_reader;

/* Opens `path` ("-" is standard input).  Returns 0, or -1 with a one-line reason
 * that names the file in err. */
int trace_open(trace_reader *t, const char *path, trace_format format, unsigned page_bits,
               char *err, size_t errlen);
void trace_close(trace_reader *t);

/* Reads the next access: 1, 0 at the end, or -1 with `file:line: what is wrong` in
 * err. */
int trace_next(trace_reader *t, trace_rec *r, char *err, size_t errlen);

/* Parses a trace format's name ("auto", "text", "ext", "lackey"); -1 if unknown. */
int trace_format_parse(const char *name);

/* The numeric token at *s: decimal, or hexadecimal after 0x.  Returns 0 and advances
 * *s, or -1 if there is no number or it does not fit 64 bits. */
int trace_number(const char **s, const char *end, int base, uint64_t *v);

#endif
