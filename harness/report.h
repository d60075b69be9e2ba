/* report.h — what a run prints: the per-access lines and the textbook's statistics on
 * stdout (so they can be compared with diff), everything more on stderr and in the
 * --stats JSON file. */
#ifndef VMMU_REPORT_H
#define VMMU_REPORT_H

#include <stdio.h>

#include "harness/os.h"
#include "harness/out.h"

/* One line for one access, in the textbook's format when it was translated. */
void report_access(out_buf *o, const trace_rec *r, const access_out *a, const preset *p);

/* The textbook's statistics block. */
void report_stats(out_buf *o, const os_stats *s);

/* The rest, for people: walks, write-backs, faults by kind, cycles, processes. */
void report_extra(FILE *f, const char *who, const os *o);

/* The --stats JSON.  `extra` (may be NULL) is spliced in as more members.  Returns 0,
 * or -1 with errno set. */
int report_json(const char *path, const os *o, int partial, const char *extra);

#endif
