// SPDX-License-Identifier: MIT
/* maps.h — a process's memory map, read from the /proc/PID/maps format:
 *
 *   00400000-00452000 r-xp 00000000 08:01 1182899   /usr/bin/prog
 *   01e63000-01e84000 rw-p 00000000 00:00 0         [heap]
 *   7ffd2d1e0000-7ffd2d201000 rw-p 00000000 00:00 0 [stack]
 *
 * An address in no region is a segmentation fault; a region's r, w, x give the PTE's
 * R, W, X (and U).  Regions with a path that is not [bracketed] are file-backed and
 * page in from the backing store; the rest (heap, stack, anonymous) are demand-zero.
 */
#ifndef VMMU_MAPS_H
#define VMMU_MAPS_H

#include <stddef.h>
#include <stdint.h>

typedef struct region {
    uint64_t start, end;  /* [start, end) */
    uint8_t perm;         /* PTE_R | PTE_W | PTE_X bits */
    uint8_t file;         /* 1: file-backed, 0: demand-zero */
} region;

/* Invariant: regions are sorted by start and do not overlap. */
typedef struct maps {
    region *r;
    size_t n;
} maps;

/* Reads a maps file.  Returns 0, or -1 with `file:line: what is wrong` in err. */
int maps_load(maps *m, const char *path, char *err, size_t errlen);
void maps_free(maps *m);

/* The region holding `addr`, or NULL. */
const region *maps_find(const maps *m, uint64_t addr);

#endif
