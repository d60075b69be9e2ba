// SPDX-License-Identifier: MIT
/* future.h — what OPT needs and no real OS has: for every access, when its page is
 * next used.  Built by reading the whole trace once before the run, so its memory is
 * proportional to the trace (the one exception to streaming; OPT is model-only). */
#ifndef VMMU_FUTURE_H
#define VMMU_FUTURE_H

#include <stddef.h>
#include <stdint.h>

#include "harness/trace/trace.h"
#include "model/preset.h"

/* Returns a malloc'd array: element i is the number of the next access (0-based) to
 * the page of access i, or UINT64_MAX.  NULL with `file:line: why` in err on a bad
 * trace, or a reason when memory runs out.  The caller frees it. */
uint64_t *future_build(const char *path, trace_format format, const preset *p, char *err,
                       size_t errlen);

#endif
