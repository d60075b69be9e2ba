// SPDX-License-Identifier: MIT
/* outfile.h — an output file written beside its place and renamed into it at the
 * end, so a run that fails or is stopped never leaves half a file where a good one
 * was (the way editors and compilers write theirs).  Opened before the run, so a
 * path that cannot be written fails at once, not after a long run. */
#ifndef VMMU_OUTFILE_H
#define VMMU_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct outfile {
    const char *path;  /* where it goes, or NULL: not in use */
    char tmp[4200];    /* where it is written until outfile_commit() */
    FILE *f;           /* open on tmp when asked for a stream, else NULL */
} outfile;

/* Creates the temporary file in path's folder (so the rename stays on one file
 * system); `stream`: also opens it for writing as o->f.  A NULL path leaves o unused
 * and succeeds.  Returns 0, or -1 with `PATH: why` in err. */
int outfile_open(outfile *o, const char *path, int stream, char *err, size_t errlen);

/* Closes the stream and renames the file into place.  Returns 0, or -1 with
 * `PATH: why` in err (the temporary file is removed). */
int outfile_commit(outfile *o, char *err, size_t errlen);

/* Closes and removes the temporary file; whatever was at the path stays. */
void outfile_abort(outfile *o);

#endif
