// SPDX-License-Identifier: MIT
/* trace_source.h — a trace file's bytes, decompressed when it is compressed.
 *
 * gzip, xz and zstd are recognised by their magic number, never by the file's name,
 * so a pipe (`-f -`) and a misnamed file read the same as a well-named one, and are
 * decoded by zlib, liblzma and libzstd (their streaming interfaces).  Anything else
 * is passed through as it is.  Concatenated streams (`cat a.gz b.gz`, `xz -T`,
 * `zstd` of several frames) read as their concatenation, as the tools' own -d does.
 *
 * The source reads a descriptor it does not own: the caller opens and closes it.
 */
#ifndef VMMU_TRACE_SOURCE_H
#define VMMU_TRACE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct trace_source trace_source;

/* Reads the first bytes of `fd` to tell the format, and sets up its decoder.
 * Returns the source, or NULL with a one-line reason in `why` (no file name). */
trace_source *trace_source_open(int fd, char *why, size_t whylen);
void trace_source_close(trace_source *s);

/* The format's name: "text" (not compressed), "gzip", "xz" or "zstd". */
const char *trace_source_kind(const trace_source *s);

/* Up to `cap` bytes of the (decompressed) trace into dst.  Returns how many (>= 1
 * when cap >= 1), 0 at the end, or -1 with a one-line reason in `why` (no file name):
 * a read error, corrupt data, a file that ends inside a compressed stream.  It
 * blocks only while it has nothing to give.  After a SIGINT or SIGTERM
 * (interrupt.h) what was read is all there is: the end, not an error. */
ssize_t trace_source_read(trace_source *s, char *dst, size_t cap, char *why, size_t whylen);

/* Reads on, discarding up to `limit` bytes: -1 with the reason if the compressed
 * data is corrupt or cut short there, else 0.  For an error in a compressed trace's
 * content, whose cause may be corruption the decoder finds a little later or at a
 * stream's closing checksum. */
int trace_source_verify(trace_source *s, uint64_t limit, char *why, size_t whylen);

/* Bytes taken from the descriptor so far (the compressed size read): with the
 * file's size, how far a run has got. */
uint64_t trace_source_consumed(const trace_source *s);

#endif
