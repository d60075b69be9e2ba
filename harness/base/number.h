// SPDX-License-Identifier: MIT
/* number.h — reading a number out of a line of text, for every input format (the
 * trace readers, the maps files): strict, no sign, no spaces, no overflow. */
#ifndef VMMU_NUMBER_H
#define VMMU_NUMBER_H

#include <stdint.h>

/* The numeric token at *s: decimal, or hexadecimal after 0x (`base` 0); or in `base`
 * 10 or 16 without a prefix.  Returns 0 and advances *s, or -1 if there is no number
 * or it does not fit 64 bits. */
int parse_number(const char **s, const char *end, int base, uint64_t *v);

#endif
