// SPDX-License-Identifier: MIT
/* fuzz_util.h — what the fuzz targets under tests/fuzz/ share.
 *
 * Each target is one C file defining LLVMFuzzerTestOneInput (and, when it needs a
 * set-up, LLVMFuzzerInitialize).  It builds two ways (mk/fuzz.mk):
 *   - with clang and -fsanitize=fuzzer,address,undefined: `make fuzz`;
 *   - with gcc and -fsanitize=address,undefined, linked with tests/fuzz/standalone.c,
 *     which feeds each file named on its command line to the target once: the corpus
 *     and regression runs of tests/fuzz/t_fuzz_corpus.sh (`make test`, no clang needed).
 *
 * A target checks what must hold of every answer (FUZZ_CHECK): a broken property
 * aborts with a message, so the fuzzer keeps the input as a crash.
 */
#ifndef VMMU_FUZZ_UTIL_H
#define VMMU_FUZZ_UTIL_H

/* Included first by every target: strdup, pipe, getopt's optind reset. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, ...)                                                              \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* A copy of the input in a buffer of exactly its size, so that a read one byte past
 * the end is an ASan report, not a silent read of the caller's.  For no bytes, the
 * pointer is one past a 1-byte buffer (ASan's malloc(0) has a readable byte).
 * Free it with fuzz_exact_free(p, size). */
static inline char *fuzz_exact_copy(const uint8_t *data, size_t size)
{
    char *b = malloc(size ? size : 1);
    FUZZ_CHECK(b != NULL, "out of memory");
    if (!size)
        return b + 1;
    memcpy(b, data, size);
    return b;
}

static inline void fuzz_exact_free(char *p, size_t size)
{
    free(size ? p : p - 1);
}

static char fuzz_temp[256];
static inline void fuzz_unlink_temp(void)
{
    if (fuzz_temp[0])
        unlink(fuzz_temp);
}

/* A private temporary file's name, one per process; a target writes it per input
 * and removes it after use (and at exit).  Returns its path. */
static inline const char *fuzz_temp_path(const char *tag)
{
    char *path = fuzz_temp;
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        if (!dir || !*dir)
            dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof fuzz_temp, "%s/vmmu-fuzz-%s-%ld", dir, tag, (long)getpid());
        atexit(fuzz_unlink_temp);
    }
    return path;
}

static inline void fuzz_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        FUZZ_CHECK(k > 0, "write: %s", strerror(errno));
        c += k;
        n -= (size_t)k;
    }
}

/* Writes `n` bytes to the file at `path`, replacing what was there. */
static inline void fuzz_write_file(const char *path, const void *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FUZZ_CHECK(fd >= 0, "%s: %s", path, strerror(errno));
    fuzz_write_all(fd, p, n);
    close(fd);
}

#endif
