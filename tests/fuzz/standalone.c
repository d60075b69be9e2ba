// SPDX-License-Identifier: MIT
/* standalone.c — a main for the fuzz targets without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named on the command line, so the corpus
 * and the regression inputs replay under gcc's ASan and UBSan (tests/fuzz/t_fuzz_corpus.sh)
 * where clang is not installed.  Prints one line per file to stderr with -v.
 * Exit status 0, or 2 if a file cannot be read; a sanitizer report or a failed
 * check aborts. */
#include "tests/fuzz/fuzz_util.h"

/* Targets without a set-up leave this undefined. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path, int verbose)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(f);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        uint8_t *b = realloc(buf, cap);
        if (!b)
            free(buf);
        buf = b;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    if (verbose)
        fprintf(stderr, "running %s (%zu bytes)\n", path, n);
    /* The input in a buffer of its exact size, as libFuzzer gives it. */
    uint8_t *exact = malloc(n);
    if (n)
        memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0, status = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1 + verbose; i < argc; i++)
        if (run_file(argv[i], verbose) != 0)
            status = 2;
    return status;
}
