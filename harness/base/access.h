// SPDX-License-Identifier: MIT
/* access.h — one memory access of a program: the record the trace readers fill and
 * the OS performs.  It sits below both, so the OS needs nothing of the readers: it
 * reads what the program did (pid, kind, privilege, address, value); the reporters
 * also read where the access came from (line, text) to print it. */
#ifndef VMMU_ACCESS_H
#define VMMU_ACCESS_H

#include <stdint.h>

typedef struct access_rec {
    uint64_t addr;
    uint64_t line;       /* 1-based line of the trace it came from */
    /* The address as the line wrote it, when that is 1 to 7 decimal digits (perhaps
     * with leading zeros): `text_len` bytes in the reader's buffer, with 8 readable,
     * valid until the next read.  Printing may copy them instead of formatting.
     * Else NULL. */
    const char *text;
    uint32_t text_len;
    uint32_t pid;        /* 0 unless the format names one */
    uint8_t kind;        /* an access_kind (model/types.h) */
    uint8_t has_value;   /* a write that names the byte it stores */
    uint8_t value;
    /* A priv_mode (model/types.h): PRIV_U = 0, so every record a format fills without
     * naming one (all but the extended format's optional last column) is a user
     * access. */
    uint8_t priv;
} access_rec;

#endif
