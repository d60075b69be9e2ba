#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/repo/t_layers.sh -- the arrows of docs/architecture.md go one way.  Each layer's
# C files may include only the layers below it:
#
#   harness/cli   -> os, trace, mmu, base, model     (the programs)
#   harness/os    -> mmu/mmu_if.h, base, model       (never trace/ or cli/)
#   harness/trace -> base, model
#   harness/mmu   -> base, model, rtl/sim/rtl_capi.h
#   harness/base  -> model
#   model         -> model
#   rtl/sim       -> nothing of the C harness or model
#
# and the RTL library's build flags (mk/rtl.mk) name no harness folder.  The checker
# is run on the tree, then on a copy with one forbidden include added per rule, each
# of which it must report.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# violations ROOT: one line "file: includes X" per include a rule forbids.
violations() {
    local root=$1 f inc
    while IFS= read -r f; do
        while IFS= read -r inc; do
            case $f in
            harness/cli/*) [[ $inc =~ ^(harness/(os|trace|mmu|base|cli)/|model/) ]] ;;
            harness/os/*) [[ $inc =~ ^(harness/(os|base)/|harness/mmu/mmu_if\.h$|model/) ]] ;;
            harness/trace/*) [[ $inc =~ ^(harness/(trace|base)/|model/) ]] ;;
            harness/mmu/*) [[ $inc =~ ^(harness/(mmu|base)/|model/|rtl/sim/rtl_capi\.h$) ]] ;;
            harness/base/*) [[ $inc =~ ^(harness/base/|model/) ]] ;;
            model/*) [[ $inc =~ ^model/ ]] ;;
            rtl/sim/*) ! [[ $inc =~ ^(harness|model)/ ]] && [[ $inc != *.h || $inc =~ ^(rtl_capi\.h|V.*\.h|verilated.*\.h)$ ]] ;;
            *) true ;;
            esac || echo "$f: includes $inc"
        done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$root/$f")
    done < <(cd "$root" && find harness model rtl/sim -name '*.[ch]' -o -name '*.cpp' | sort)
    # The RTL library is built from rtl/ and its C API alone.
    grep -n -- '-I[^ ]*harness\|-iquote[^ ]*harness' "$root/mk/rtl.mk" | sed 's/^/mk\/rtl.mk:/'
}

got=$(violations "$ROOT")
expect_eq "no include against the arrows" "" "$got"
expect_true "harness/ has its five layers" "missing folders" \
    bash -c 'for d in base os trace mmu cli; do [ -d harness/$d ]; done && [ -z "$(find harness -maxdepth 1 -type f)" ]'

# The checker catches each forbidden arrow.
copy=$TMP/tree
mkdir -p "$copy" && cp -r harness model rtl mk "$copy"/
add() { printf '#include "%s"\n' "$2" >>"$copy/$1"; }
add harness/os/os.c harness/trace/trace.h
add harness/os/pmem.c harness/cli/options.h
add harness/os/store.c harness/mmu/mmu_rtl.h
add harness/trace/trace.c harness/os/os.h
add harness/mmu/mmu_model.c harness/os/os.h
add harness/base/quote.c harness/trace/trace.h
add model/tlb.c harness/base/access.h
add rtl/sim/rtl_capi.cpp harness/os/os.h
echo 'RTL_VFLAGS += -CFLAGS -I$(CURDIR)/harness/os' >>"$copy/mk/rtl.mk"
bad=$(violations "$copy")
for want in "harness/os/os.c: includes harness/trace/trace.h" "harness/os/pmem.c: includes harness/cli/options.h" \
    "harness/os/store.c: includes harness/mmu/mmu_rtl.h" "harness/trace/trace.c: includes harness/os/os.h" \
    "harness/mmu/mmu_model.c: includes harness/os/os.h" "harness/base/quote.c: includes harness/trace/trace.h" \
    "model/tlb.c: includes harness/base/access.h" "rtl/sim/rtl_capi.cpp: includes harness/os/os.h" \
    "harness/os"; do
    expect_true "the checker reports: $want" "not reported; it said: $(echo "$bad" | tr '\n' '|')" \
        grep -qF "$want" <<<"$bad"
done
expect_eq "the checker reports nothing else" 9 "$(grep -c . <<<"$bad")"

summary
