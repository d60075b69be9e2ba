// SPDX-License-Identifier: MIT
/* progress.c — the progress line. */
#define _POSIX_C_SOURCE 200809L
#include "harness/cli/progress.h"

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void progress_start(progress *p, const char *who, int on, int fd, uint64_t step)
{
    struct stat st;
    *p = (progress){.who = who, .on = on, .tty = isatty(2), .fd = fd, .step = step ? step : 1};
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        p->size = (uint64_t)st.st_size;
    p->t0 = p->shown = now();
    p->next = p->step;
}

void progress_show(progress *p, uint64_t n)
{
    p->next = n + p->step;
    double t = now();
    /* A terminal is redrawn twice a second; a log gets a line every 5 seconds. */
    if (t - p->shown < (p->tty ? 0.5 : 5.0))
        return;
    p->shown = t;
    double secs = t - p->t0;
    char share[64] = "";
    off_t at = p->size ? lseek(p->fd, 0, SEEK_CUR) : -1;
    if (at > 0) {
        /* The reader is up to a block ahead of the accesses: close enough. */
        double f = (double)at / (double)p->size;
        if (f > 1)
            f = 1;
        snprintf(share, sizeof share, ", %.0f %% of the trace, %.0f s left", 100 * f,
                 f > 0 ? secs * (1 - f) / f : 0.0);
    }
    fprintf(stderr, "%s%s: %.1f M accesses in %.0f s, %.1f M/s%s%s", p->tty ? "\r" : "", p->who,
            (double)n / 1e6, secs, secs > 0 ? (double)n / secs / 1e6 : 0.0, share, p->tty ? "\033[K" : "\n");
    p->drawn = p->tty;
}

void progress_end(progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = 0;
}
