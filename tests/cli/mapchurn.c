// SPDX-License-Identifier: MIT
/* mapchurn.c — maps 256 pages, writes to each, unmaps them and exits: a program whose
 * map at exit no longer holds memory it used (tests/cli/t_trace_real.sh).  Prints the
 * region's bounds in decimal on stderr, "region START END", so the test knows where
 * the writes went without asking the code under test. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
    enum { PAGES = 256, PAGE = 4096 };
    volatile char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mapchurn: mmap");
        return 1;
    }
    fprintf(stderr, "region %lu %lu\n", (unsigned long)p, (unsigned long)p + PAGES * PAGE);
    for (int i = 0; i < PAGES; i++)
        p[i * PAGE] = (char)i;
    if (munmap((void *)p, PAGES * PAGE) != 0) {
        perror("mapchurn: munmap");
        return 1;
    }
    return 0;
}
