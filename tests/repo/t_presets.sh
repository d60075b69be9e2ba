#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One table of presets (model/presets.def): the model compiles it in, mk/rtl.mk turns
# each row into a build's Verilog parameters, tools and tests read it. The copies a
# person reads — docs/contract.md's table — and what the build derives must say the
# same numbers; an edit to one without the other fails here.
source "$(dirname "$0")/../lib.sh"

def=model/presets.def
rows=$(sed -n 's/^PRESET(\([^)]*\)).*/\1/p' "$def" | tr -d ' ')
expect_true "presets.def has rows" "no PRESET(...) rows in $def" [ -n "$rows" ]

# docs/contract.md: | `name` | VA | page | levels | bits | PTE | PPN | PA |
doc=$(sed -n 's/^| `\([a-z0-9]*\)` *|\(.*\)|$/\1,\2/p' docs/contract.md | tr -d ' ' | tr '|' ',')
expect_eq "docs/contract.md's preset table is presets.def's" "$rows" "$doc"

# mk/rtl.mk's parameters for each preset.
for row in $rows; do
    IFS=, read -r name va pb lv lb pte ppn pa _trace <<<"$row"
    got=$(make --no-print-directory -s CONFIG="$name" --eval 'p: ; @echo $(RTL_VA_BITS),$(RTL_PAGE_BITS),$(RTL_LEVELS),$(RTL_LEVEL_BITS),$(RTL_PTE_BYTES),$(RTL_PA_BITS)' p)
    expect_eq "mk/rtl.mk's parameters for $name" "$va,$pb,$lv,$lb,$pte,$pa" "$got"
    # The model's: the PA width is the page bits plus the PPN's, and a page is what
    # the preset says (its last byte shares the first's page; the next byte does not).
    expect_eq "$name: PA bits = PPN bits + page bits" "$pa" "$((ppn + pb))"
    printf '0\n%d\n%d\n' $(((1 << pb) - 1)) $((1 << pb)) >"$TMP/two.txt"
    "$VMREF" -f "$TMP/two.txt" --config "$name" >"$TMP/out" 2>/dev/null
    expect_eq "$name: vmref's page is 2^$pb bytes (3 accesses, 2 pages, 2 faults)" 2 "$(stat_of "$TMP/out" 'Page Faults')"
done
expect_eq "make's preset names are presets.def's" "$(echo $rows | sed 's/,[^ ]*//g')" \
    "$(make --no-print-directory -s --eval 'p: ; @echo $(RTL_PRESETS)' p)"
expect_eq "vmref --help names presets.def's presets" "$(echo $rows | sed 's/,[^ ]*//g; s/ /, /g')" \
    "$("$VMREF" --help | sed -n 's/.*address geometry: \([a-z0-9, ]*[a-z0-9]\).*/\1/p')"
summary
