// SPDX-License-Identifier: MIT
/* quote.c — escaping text for messages and JSON. */
#include "harness/base/quote.h"

#include <stdio.h>

const char *quote(char *dst, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char piece[5];
        int len;
        if (c == '\\')
            len = snprintf(piece, sizeof piece, "\\\\");
        else if (c >= 0x20 && c < 0x7f)
            len = snprintf(piece, sizeof piece, "%c", c);
        else
            len = snprintf(piece, sizeof piece, "\\x%02x", c);
        if (k + (size_t)len > QUOTE_SHOWN) {
            snprintf(dst + k, QUOTE_BYTES - k, "...");
            return dst;
        }
        for (int j = 0; j < len; j++)
            dst[k++] = piece[j];
    }
    dst[k] = 0;
    return dst;
}

void quote_json(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}
