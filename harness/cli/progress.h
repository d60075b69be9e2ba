// SPDX-License-Identifier: MIT
/* progress.h — a progress line on stderr for long runs: accesses done, their rate,
 * and, when the trace is a file, how much of it is read and the time left.  On a
 * terminal the line is redrawn in place; otherwise (--progress into a log) a line is
 * written every few seconds.  Never on stdout, which stays diff-able. */
#ifndef VMMU_PROGRESS_H
#define VMMU_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    const char *who;     /* "vmref" */
    int on;              /* 0: every call does nothing */
    int tty;             /* stderr is a terminal: redraw in place */
    int fd;              /* the trace's file, for the share read; -1: unknown */
    uint64_t size;       /* its size in bytes, 0 when not a regular file */
    uint64_t next;       /* the access count at which to look at the clock again */
    uint64_t step;       /* accesses between looks */
    double t0, shown;    /* start, and when the line was last written */
    int drawn;           /* a line is on the terminal, to be cleared */
} progress;

/* `step`: accesses between looks at the clock (the caller's cost per access sets it);
 * `fd`: the trace's open file or -1. */
void progress_start(progress *p, const char *who, int on, int fd, uint64_t step);

/* Writes the line when it is due; n is the number of accesses done. */
void progress_show(progress *p, uint64_t n);
static inline void progress_tick(progress *p, uint64_t n)
{
    if (p->on && n >= p->next)
        progress_show(p, n);
}

/* Clears the line from a terminal, before the statistics. */
void progress_end(progress *p);

#endif
