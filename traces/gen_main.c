// SPDX-License-Identifier: MIT
/* gen_main.c -- tracegen's driver: options, then a trace or a backing store.
 *
 * Order matters: every option error is found before the output is opened,
 * so a bad run creates no file at all. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Prints "tracegen: FILE: reason".  Returns GEN_EXIT_IO. */
static int gen_io_error(const char *path, int err)
{
    fprintf(stderr, "tracegen: %s: %s\n", path ? path : "stdout", strerror(err));
    return GEN_EXIT_IO;
}

/* Writes o->size pseudo-random bytes.  Bytes are taken from each 64-bit
 * draw low byte first, so the file is the same on every host. */
static int gen_backing(const gen_opts *o)
{
    gen_out out;
    gen_rng r;
    unsigned char block[4096];
    uint64_t left = o->size;

    const char *path = strcmp(o->backing, "-") == 0 ? NULL : o->backing;

    if (gen_out_open(&out, path) != 0)
        return gen_io_error(path, errno);
    gen_rng_seed(&r, o->seed, GEN_STREAM_BACK);
    while (left > 0) {
        size_t n = left < sizeof block ? (size_t)left : sizeof block;
        for (size_t i = 0; i < n; i += 8) {
            uint64_t x = gen_rng_next(&r);
            for (size_t k = 0; k < 8 && i + k < n; k++)
                block[i + k] = (unsigned char)(x >> (8 * k));
        }
        if (gen_out_bytes(&out, block, n) != 0)
            break;
        left -= n;
    }
    if (gen_out_commit(&out) != 0)
        return gen_io_error(path, out.err);
    return GEN_EXIT_OK;
}

/* Writes o->count accesses of the chosen mode. */
static int gen_trace(const gen_opts *o)
{
    gen_stream s;
    gen_out out;
    gen_rng kinds, privs, fetches;
    char why[200];
    const uint64_t wt = gen_rng_threshold(o->writes), st = gen_rng_threshold(o->smode);
    const uint64_t ft = gen_rng_threshold(o->fetches);

    int rc = gen_stream_init(&s, o, why, sizeof why);
    if (rc == -1) {
        fprintf(stderr, "tracegen: %s\n", why);
        return GEN_EXIT_USAGE;
    }
    if (rc != 0) {
        fprintf(stderr, "tracegen: out of memory\n");
        return GEN_EXIT_IO;
    }
    if (gen_out_open(&out, o->out_path) != 0) {
        rc = gen_io_error(o->out_path, errno);
        gen_stream_free(&s);
        return rc;
    }

    gen_rng_seed(&kinds, o->seed, GEN_STREAM_KIND);
    gen_rng_seed(&privs, o->seed, GEN_STREAM_PRIV); /* its own: --smode moves no address or kind */
    gen_rng_seed(&fetches, o->seed, GEN_STREAM_FETCH); /* its own too: --fetches moves no write */
    for (uint64_t i = 0; i < o->count; i++) {
        gen_access a = {.pid = 0, .kind = 'R', .value = 0, .addr = 0};
        s.next(&s, &a);
        if (gen_rng_hit(&kinds, wt)) {
            a.kind = 'W';
            a.value = (unsigned)(gen_rng_next(&kinds) & 255);
        }
        /* drawn for every access, so a write's place does not move the fetches */
        if (gen_rng_hit(&fetches, ft) && a.kind == 'R')
            a.kind = 'X';
        a.smode = gen_rng_hit(&privs, st);
        if (gen_out_access(&out, &a, o->format) != 0)
            break;
    }
    gen_stream_free(&s);
    if (gen_out_commit(&out) != 0)
        return gen_io_error(o->out_path, out.err);
    return GEN_EXIT_OK;
}

int main(int argc, char **argv)
{
    gen_opts o;

    switch (gen_opts_parse(&o, argc, argv)) {
    case GEN_OPTS_DONE:
        return fflush(stdout) == 0 ? GEN_EXIT_OK : GEN_EXIT_IO;
    case GEN_OPTS_BAD:
        return GEN_EXIT_USAGE;
    default:
        break;
    }
    return o.backing != NULL ? gen_backing(&o) : gen_trace(&o);
}
