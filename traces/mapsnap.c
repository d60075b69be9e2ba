/* mapsnap.c — a preload library that copies the program's /proc/self/maps to the
 * file named by $VMMU_MAPS_OUT when the program exits, so a lackey trace comes with
 * the memory map it ran in.  Under valgrind the map is the client's own layout.
 *
 * Taken at exit, the map shows the final permissions: pages the dynamic loader wrote
 * (relocations) and then made read-only (RELRO) show as r--, so those early writes
 * replay as protection faults.  docs/real-programs.md says so. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

__attribute__((destructor)) static void mapsnap_at_exit(void)
{
    const char *out = getenv("VMMU_MAPS_OUT");
    if (!out)
        return;
    FILE *in = fopen("/proc/self/maps", "r");
    FILE *o = fopen(out, "w");
    char buf[4096];
    size_t n;
    if (in && o)
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, o);
    if (in)
        fclose(in);
    if (o)
        fclose(o);
}
