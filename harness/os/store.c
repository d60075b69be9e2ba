// SPDX-License-Identifier: MIT
/* store.c — the backing file (mapped read-only) and swap (a hash of page copies). */
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
    for (size_t i = 0; i < s->nslot; i++)
        free(s->slot[i].page);
    free(s->slot);
    memset(s, 0, sizeof *s);
}

static uint64_t key_of(uint32_t proc, uint64_t vpn) { return ((uint64_t)proc << 48 | vpn) + 1; }

static size_t hash(uint64_t k, size_t n)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (n - 1);
}

static swap_slot *find(const store *s, uint64_t key)
{
    if (!s->nslot)
        return NULL;
    for (size_t i = hash(key, s->nslot);; i = (i + 1) & (s->nslot - 1)) {
        if (s->slot[i].key == key || s->slot[i].key == 0)
            return &s->slot[i];
    }
}

void store_page_in(const store *s, uint32_t proc, uint64_t vpn, int from_file, uint8_t *dst)
{
    swap_slot *sl = find(s, key_of(proc, vpn));
    if (sl && sl->key) {
        memcpy(dst, sl->page, s->page_bytes);
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

static int grow(store *s)
{
    size_t n = s->nslot ? s->nslot * 2 : 64;
    swap_slot *t = calloc(n, sizeof *t);
    if (!t)
        return -1;
    swap_slot *old = s->slot;
    size_t oldn = s->nslot;
    s->slot = t;
    s->nslot = n;
    for (size_t i = 0; i < oldn; i++)
        if (old[i].key)
            *find(s, old[i].key) = old[i];
    free(old);
    return 0;
}

int store_write_back(store *s, uint32_t proc, uint64_t vpn, const uint8_t *src)
{
    if ((s->used + 1) * 2 > s->nslot && grow(s) != 0)
        return -1;
    swap_slot *sl = find(s, key_of(proc, vpn));
    if (!sl->key) {
        sl->page = malloc(s->page_bytes);
        if (!sl->page)
            return -1;
        sl->key = key_of(proc, vpn);
        s->used++;
    }
    memcpy(sl->page, src, s->page_bytes);
    return 0;
}
