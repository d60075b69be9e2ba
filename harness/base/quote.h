// SPDX-License-Identifier: MIT
/* quote.h — a piece of an input file made safe to show in a one-line message: a
 * binary file or a NUL byte must not put raw bytes on the user's terminal, and
 * `got ''` for a line that holds only a NUL says nothing. */
#ifndef VMMU_QUOTE_H
#define VMMU_QUOTE_H

#include <stddef.h>
#include <stdio.h>

/* Room quote() needs: QUOTE_SHOWN bytes of output at most, "...", the NUL. */
#define QUOTE_SHOWN 60
#define QUOTE_BYTES (QUOTE_SHOWN + 4)

/* Writes s[0..n) into dst (QUOTE_BYTES long) with every byte that is not printable
 * ASCII as \xNN and a backslash as \\, cut with "..." once QUOTE_SHOWN characters
 * are written.  Returns dst, for use inside a printf argument list. */
const char *quote(char *dst, const char *s, size_t n);

/* Writes s as a JSON string: quotes, backslashes and control bytes escaped. */
void quote_json(FILE *f, const char *s);

#endif
