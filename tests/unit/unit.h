// SPDX-License-Identifier: MIT
/* tests/unit/unit.h — what every C unit test shares: PASS/FAIL lines, checks that report the
 * first failure of a test, the closing count, and a small deterministic generator.
 * Included by one test file each (its state is that file's own). */
#ifndef VMMU_TESTS_UNIT_H
#define VMMU_TESTS_UNIT_H

#include <stdint.h>
#include <stdio.h>

static int n_pass, n_fail;
static int cur_ok;          /* the current test has not failed yet */
static const char *cur;     /* its name */

static void begin(const char *name)
{
    cur = name;
    cur_ok = 1;
}

static void end(void)
{
    if (cur_ok) {
        n_pass++;
        printf("PASS %s\n", cur);
    }
}

/* CHECK(cond, fmt, ...): the first failed check of a test reports it. */
#define CHECK(cond, ...)                                                                \
    do {                                                                                \
        if (!(cond) && cur_ok) {                                                        \
            cur_ok = 0;                                                                 \
            n_fail++;                                                                   \
            printf("FAIL %s: line %d: ", cur, __LINE__);                                \
            printf(__VA_ARGS__);                                                        \
            printf("\n");                                                               \
        }                                                                               \
    } while (0)

/* The last line t_unit.sh reads, and the exit status. */
static int summary(void)
{
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}

/* xorshift64: the same sequence on every machine. */
static inline uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

#endif
