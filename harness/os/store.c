// SPDX-License-Identifier: MIT
/* store.c — the backing file (mapped read-only) and swap (a pagemap of page copies). */
#define _POSIX_C_SOURCE 200809L
#include "harness/os/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int store_open(store *s, const char *path, uint64_t page_bytes, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->page_bytes = page_bytes;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open backing store: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: the backing store must be a regular file", path);
        close(fd);
        return -1;
    }
    s->file_bytes = (uint64_t)st.st_size;
    if (s->file_bytes) {
        void *p = mmap(NULL, s->file_bytes, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            snprintf(err, errlen, "%s: cannot map backing store: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        s->file = p;
    }
    close(fd);
    return 0;
}

void store_close(store *s)
{
    if (s->file)
        munmap((void *)s->file, s->file_bytes);
    for (size_t i = 0; i < s->swap.nslot; i++)
        if (s->swap.slot[i].full)
            free((uint8_t *)(uintptr_t)s->swap.slot[i].value);
    pagemap_free(&s->swap);
    memset(s, 0, sizeof *s);
}

void store_page_in(const store *s, uint32_t proc, uint64_t vpn, int from_file, uint8_t *dst)
{
    const uint64_t *copy = pagemap_get(&s->swap, proc, vpn);
    if (copy) {
        memcpy(dst, (const uint8_t *)(uintptr_t)*copy, s->page_bytes);
        return;
    }
    memset(dst, 0, s->page_bytes);
    if (!from_file || vpn >= s->file_bytes / s->page_bytes + 1)
        return;
    uint64_t off = vpn * s->page_bytes;
    if (off < s->file_bytes) {
        uint64_t n = s->file_bytes - off < s->page_bytes ? s->file_bytes - off : s->page_bytes;
        memcpy(dst, s->file + off, n);
    }
}

int store_write_back(store *s, uint32_t proc, uint64_t vpn, const uint8_t *src)
{
    uint64_t *copy = pagemap_get(&s->swap, proc, vpn);
    if (!copy) {
        int made;
        uint8_t *page = malloc(s->page_bytes);
        if (!page || !(copy = pagemap_put(&s->swap, proc, vpn, &made))) {
            free(page);
            return -1;
        }
        *copy = (uintptr_t)page;
    }
    memcpy((uint8_t *)(uintptr_t)*copy, src, s->page_bytes);
    return 0;
}
