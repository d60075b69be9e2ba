// SPDX-License-Identifier: MIT
/* preset.c — the table of address geometries, expanded from presets.def. */
#include "model/preset.h"

#include <string.h>

static const preset presets[] = {
#define PRESET(name, va, page, levels, bits, pte, ppn, pa, trace, asid, satp) \
    {#name, va, page, levels, bits, pte, ppn, pa, trace, asid, satp},
#include "model/presets.def"
#undef PRESET
};

const preset *preset_find(const char *name)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(presets[i].name, name) == 0)
            return &presets[i];
    return NULL;
}

const preset *preset_at(size_t i) { return i < sizeof presets / sizeof presets[0] ? &presets[i] : NULL; }
