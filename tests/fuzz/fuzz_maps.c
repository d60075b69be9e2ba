// SPDX-License-Identifier: MIT
/* fuzz_maps.c — libFuzzer target: maps_load (the /proc/PID/maps format) on a file
 * holding the input, then maps_find.
 *
 * On success the regions are sorted, non-empty and disjoint, and maps_find agrees
 * with a linear search at every region's edges (start - 1, start, end - 1, end), at
 * 0, at the top of the address space, and at addresses taken from the input's last
 * bytes.  On failure the message names the file and the map is empty. */
#include "tests/fuzz/fuzz_util.h"

#include "harness/os/maps.h"
#include "model/types.h"

static const region *linear(const maps *m, uint64_t a)
{
    for (size_t i = 0; i < m->n; i++)
        if (a >= m->r[i].start && a < m->r[i].end)
            return &m->r[i];
    return NULL;
}

static void probe(const maps *m, uint64_t a)
{
    const region *g = maps_find(m, a), *want = linear(m, a);
    FUZZ_CHECK(g == want, "maps_find(0x%llx) is region %td, a linear search finds %td",
               (unsigned long long)a, g ? g - m->r : (ptrdiff_t)-1, want ? want - m->r : (ptrdiff_t)-1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_temp_path("maps");
    fuzz_write_file(path, data, size);
    maps m;
    char err[512];
    memset(err, 'Z', sizeof err);
    int rc = maps_load(&m, path, err, sizeof err);
    unlink(path); /* libFuzzer may end without running atexit handlers */
    if (rc != 0) {
        FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL, "the error is not terminated");
        FUZZ_CHECK(strncmp(err, path, strlen(path)) == 0, "'%s' does not name the file", err);
        FUZZ_CHECK(m.r == NULL && m.n == 0, "a failed load left %zu regions", m.n);
        return 0;
    }
    for (size_t i = 0; i < m.n; i++) {
        const region *g = &m.r[i];
        FUZZ_CHECK(g->start < g->end, "region %zu is empty", i);
        FUZZ_CHECK(i == 0 || m.r[i - 1].end <= g->start, "regions %zu and %zu overlap", i - 1, i);
        FUZZ_CHECK((g->perm & ~(PTE_R | PTE_W | PTE_X)) == 0, "region %zu: perm 0x%x", i, g->perm);
        FUZZ_CHECK(!(g->perm & PTE_W) || (g->perm & PTE_R), "region %zu: W without R", i);
        FUZZ_CHECK(g->file <= 1, "region %zu: file %u", i, g->file);
        probe(&m, g->start);
        probe(&m, g->start - 1);
        probe(&m, g->end - 1);
        probe(&m, g->end);
    }
    probe(&m, 0);
    probe(&m, UINT64_MAX);
    probe(&m, (uint64_t)1 << 47);
    for (size_t i = 0; i + 8 <= size && i < 64; i += 8) {
        uint64_t a;
        memcpy(&a, data + size - 8 - i, 8);
        probe(&m, a);
    }
    maps_free(&m);
    FUZZ_CHECK(m.r == NULL && m.n == 0, "maps_free left regions");
    maps_free(&m); /* twice is harmless */
    return 0;
}
