// SPDX-License-Identifier: MIT
/* gen.h -- tracegen, the generator of vmmu's traces and backing stores.
 *
 * tracegen writes the memory-access traces that vmmu reads (formats in
 * docs/contract.md and the README, "Traces") and pseudo-random backing stores.  All
 * output is a pure function of the options and --seed, and it is streamed:
 * memory does not grow with --count.
 *
 * Files, one job each:
 *   gen_main.c    the driver: options -> stream -> output file
 *   gen_opts.c    the option table, --help, parsing and cross-checks
 *   gen_rng.c     the PRNG (xoshiro256** seeded by splitmix64)
 *   gen_out.c     formatting records and writing the output file safely
 *   gen_modes.c   address streams: uniform, locality, loop, stride, multi
 *   gen_list.c    address stream of the linked-list exercise
 */
#ifndef VMMU_GEN_H
#define VMMU_GEN_H

#include <stddef.h>
#include <stdint.h>

#define GEN_VERSION "1.0"

/* Exit statuses of the tool. */
#define GEN_EXIT_OK 0
#define GEN_EXIT_IO 1    /* could not write the output, or out of memory */
#define GEN_EXIT_USAGE 2 /* a bad option; nothing was written */

/* ---------------------------------------------------------------- PRNG */

/* xoshiro256** state.  Never all zero (seeding guarantees it). */
typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

/* Independent streams drawn from one --seed, so that e.g. adding writes to a
 * trace does not change its addresses. */
#define GEN_STREAM_ADDR 1 /* addresses and everything a mode decides */
#define GEN_STREAM_KIND 2 /* read/write choice and written values */
#define GEN_STREAM_BACK 3 /* backing-store bytes */
#define GEN_STREAM_PRIV 4 /* U/S choice (--smode) */
#define GEN_STREAM_FETCH 5 /* read/fetch choice (--fetches) */

void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream);
uint64_t gen_rng_next(gen_rng *r);
/* Returns a uniform value in [0, n); n must be > 0. */
uint64_t gen_rng_below(gen_rng *r, uint64_t n);
/* Returns the threshold that makes gen_rng_hit() true with probability p,
 * for p in [0, 1]. */
uint64_t gen_rng_threshold(double p);
/* Returns 1 with the probability the threshold stands for, else 0.  A zero
 * threshold returns 0 without drawing. */
int gen_rng_hit(gen_rng *r, uint64_t threshold);

/* ------------------------------------------------------------- options */

typedef enum gen_mode {
    GEN_UNIFORM,
    GEN_LOCALITY,
    GEN_LOOP,
    GEN_STRIDE,
    GEN_LIST,
    GEN_MULTI
} gen_mode;

typedef enum gen_format {
    GEN_FMT_TEXT, /* one decimal address per line */
    GEN_FMT_EXT   /* "pid R|W|X 0xaddr [value] [S]" */
} gen_format;

/* Limits that keep every computation in 64 bits and memory small. */
#define GEN_MAX_WS 4096          /* --ws */
#define GEN_MAX_PROCS 4096       /* --procs */
#define GEN_MAX_NODES (1u << 24) /* --nodes */
#define GEN_MAX_NODE_SIZE 65536  /* --node-size */

/* Everything the user chose.  After gen_opts_parse() returns GEN_OPTS_RUN the
 * values are checked against each other: page_bits < va_bits, ws and pages
 * fit the VA space, format is the one the output needs. */
typedef struct gen_opts {
    gen_mode mode;
    uint64_t seed;
    uint64_t count;        /* accesses to write */
    unsigned va_bits;      /* 2..64 */
    unsigned page_bits;    /* 1..va_bits-1 */
    double writes;         /* fraction of accesses that are writes */
    double smode;          /* fraction of accesses in S-mode (the privilege column) */
    double fetches;        /* fraction of the reads that are fetches (X) */
    gen_format format;
    const char *out_path;  /* -o; NULL means stdout */
    uint64_t ws;           /* locality, multi: pages in the working set */
    double drift;          /* locality, multi: P(one page replaced) per access */
    double cold;           /* locality, multi: P(access outside the set) */
    uint64_t pages;        /* loop: pages swept */
    uint64_t stride;       /* loop, stride: bytes between accesses */
    uint64_t nodes;        /* list: nodes in the list */
    uint64_t node_size;    /* list: bytes per node */
    uint64_t walks;        /* list: walks when --count is not given */
    uint64_t procs;        /* multi: processes */
    uint64_t burst;        /* multi: mean accesses per scheduling burst */
    const char *backing;   /* --backing; non-NULL: write a backing store */
    uint64_t size;         /* --size: bytes of backing store */
} gen_opts;

#define GEN_OPTS_RUN 0  /* options are good: generate */
#define GEN_OPTS_DONE 1 /* --help or --version was printed: exit 0 */
#define GEN_OPTS_BAD 2  /* one error line was printed on stderr: exit 2 */

/* Parses argv into *o.  Returns GEN_OPTS_RUN, GEN_OPTS_DONE or GEN_OPTS_BAD. */
int gen_opts_parse(gen_opts *o, int argc, char **argv);

/* Prints "tracegen: --name VALUE: why" on stderr.  Returns GEN_OPTS_BAD. */
int gen_opts_bad(const char *name, const char *value, const char *why);

/* ------------------------------------------------------------- records */

/* One memory access, as both formats can carry it (text drops pid, kind
 * and value). */
typedef struct gen_access {
    uint32_t pid;  /* process (ASID); 0 in single-process modes */
    char kind;     /* 'R', 'W' or 'X' */
    unsigned value; /* the byte a write stores, 0..255; unused on R and X */
    int smode;     /* 1: an S-mode access (ext: a last column S); 0: U-mode, no column */
    uint64_t addr; /* virtual address, < 2^va_bits */
} gen_access;

/* ------------------------------------------------------ address streams */

/* A locality stream's working set: 'n' distinct hot pages.  In a VA space
 * of fewer than GEN_WS_BITMAP_PAGES pages a bitmap mirrors page[]. */
#define GEN_WS_BITMAP_PAGES (1u << 16)
typedef struct gen_ws {
    uint64_t *page; /* n VPNs, distinct; owned */
    uint64_t *bits; /* bit v set iff v is in page[]; or NULL; owned */
    uint64_t n;
} gen_ws;

/* An address stream: endless; the driver takes --count accesses from it.
 * Invariant: every address it returns is <= va_mask. */
typedef struct gen_stream {
    const gen_opts *o;
    gen_rng rng;          /* GEN_STREAM_ADDR */
    uint64_t va_mask;     /* 2^va_bits - 1 */
    uint64_t off_mask;    /* page size - 1 */
    uint64_t vpn_mask;    /* 2^(va_bits - page_bits) - 1 */
    uint64_t drift_t;     /* gen_rng_threshold(drift) */
    uint64_t cold_t;      /* gen_rng_threshold(cold) */
    void (*next)(struct gen_stream *s, gen_access *a);
    /* loop, stride */
    uint64_t base;        /* first address */
    uint64_t last;        /* loop: offset of the last byte of the region */
    uint64_t pos;         /* loop: offset in the region; stride: address */
    /* locality, multi */
    gen_ws *sets;         /* one per process; owned */
    uint32_t nsets;
    uint32_t cur;         /* multi: process of the current burst */
    uint64_t left;        /* multi: accesses left in the burst */
    /* list */
    uint64_t *node;       /* node addresses in allocation order; owned */
    uint32_t *link;       /* node indices in list order; owned */
    uint64_t value_off;   /* offset of the payload in a node */
    int phase;            /* 0 init writes, 1 link writes, 2 walks */
    uint64_t i;           /* position within the phase */
} gen_stream;

/* Sets up the stream for o->mode.  Returns 0; on a bad combination of
 * options -1 with a "--name VALUE: why" message in why[]; on memory
 * exhaustion -2.  On failure nothing is left to free. */
int gen_stream_init(gen_stream *s, const gen_opts *o, char *why, size_t whylen);
/* Frees what gen_stream_init() allocated. */
void gen_stream_free(gen_stream *s);

/* List mode (gen_list.c); same contracts, called by gen_stream_init/free. */
int gen_list_init(gen_stream *s, char *why, size_t whylen);
void gen_list_free(gen_stream *s);

/* -------------------------------------------------------------- output */

/* A buffered output file.  A named regular file is written under a
 * temporary name in the same directory and renamed over the final name only
 * by gen_out_commit(), so a failed or interrupted run never leaves a partial
 * file under the final name.  stdout and non-regular files (/dev/null, a
 * pipe) are written directly. */
typedef struct gen_out {
    int fd;
    char *buf;         /* owned */
    size_t len, cap;
    char *tmp;         /* temporary path, or NULL when writing directly */
    const char *path;  /* final path, or NULL for stdout */
    int err;           /* errno of the first failure, 0 if none */
} gen_out;

/* Opens path (NULL: stdout).  Returns 0, or -1 with errno set. */
int gen_out_open(gen_out *w, const char *path);
/* Appends one access as a line in the given format.  Returns 0, or -1 once
 * a write failed (w->err holds the errno). */
int gen_out_access(gen_out *w, const gen_access *a, gen_format f);
/* Appends n raw bytes.  Returns 0 or -1 as gen_out_access(). */
int gen_out_bytes(gen_out *w, const unsigned char *p, size_t n);
/* Flushes, and for a temporary file syncs, closes and renames it to the
 * final name.  Returns 0, or -1 with w->err set; the temporary file is then
 * removed.  Frees the buffer in every case. */
int gen_out_commit(gen_out *w);
/* Gives up: closes and removes the temporary file.  Frees the buffer. */
void gen_out_abort(gen_out *w);

#endif /* VMMU_GEN_H */
