/* preset.c — the table of address geometries; docs/contract.md is its source. */
#include "model/preset.h"

#include <string.h>

static const preset presets[] = {
    /* name   VA  page lv  bits PTE PPN  PA */
    {"osc",   16, 8,   1,  8,   4,  22,  30},
    {"sv32",  32, 12,  2,  10,  4,  22,  34},
    {"sv39",  39, 12,  3,  9,   8,  44,  56},
    {"sv48",  48, 12,  4,  9,   8,  44,  56},
};

const preset *preset_find(const char *name)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(presets[i].name, name) == 0)
            return &presets[i];
    return NULL;
}

const char *preset_names(void) { return "osc, sv32, sv39, sv48"; }
