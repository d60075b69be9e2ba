// SPDX-License-Identifier: MIT
/* outfile.c — write-then-rename output files. */
#define _POSIX_C_SOURCE 200809L
#include "harness/cli/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outfile_open(outfile *o, const char *path, int stream, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path)
        return 0;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: is not a regular file, so it cannot be replaced by an output", path);
        return -1;
    }
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    if (snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.XXXXXX", dirlen, path, slash ? slash + 1 : path) >=
        (int)sizeof o->tmp) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    /* mkstemp makes it 0600; an output gets the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    if (stream) {
        o->f = fdopen(fd, "w");
        if (!o->f) {
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            close(fd);
            unlink(o->tmp);
            return -1;
        }
    } else {
        close(fd);
    }
    o->path = path;
    return 0;
}

int outfile_commit(outfile *o, char *err, size_t errlen)
{
    if (!o->path)
        return 0;
    int bad = 0;
    if (o->f) {
        bad = ferror(o->f);
        if (fclose(o->f) != 0)
            bad = 1;
        o->f = NULL;
    }
    if (bad || rename(o->tmp, o->path) != 0) {
        snprintf(err, errlen, "%s: writing failed: %s", o->path, errno ? strerror(errno) : "I/O error");
        unlink(o->tmp);
        o->path = NULL;
        return -1;
    }
    o->path = NULL;
    return 0;
}

void outfile_abort(outfile *o)
{
    if (!o->path)
        return;
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    unlink(o->tmp);
    o->path = NULL;
}
