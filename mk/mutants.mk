# SPDX-License-Identifier: MIT
# mk/mutants.mk -- make mutants: does make test's co-simulation catch real RTL bugs?
#
#   make mutants                 every mutant of tools/mutants.py, each in a copy of the
#                                project under build/mutants/<name>/, stopping at its
#                                first catch; prints the table (mutant, what it breaks,
#                                the check that caught it, time); exit 1 if one is not
#                                caught, does not apply, or the unmutated baseline fails
#   make mutants MUTANTS=a,b     only these (names: python3 tools/mutants.py --list)
#   make mutants ALL=1           every check on every mutant (lists every catcher)
#   make mutants WRITE=1         ALL=1, and rewrite docs/mutants.md from the run
#   MUTANT_JOBS=N                mutants built and checked at once (default: cores)
#
# Included from the top Makefile. The parent's own builds of the configurations the
# selected mutants use (and those only) are made first: each copy starts from their
# Verilator output, so only the mutated model is recompiled (~7 s a build instead of
# ~30 s). The copies' checks use the parent's vmref and tracegen: no mutant edits the
# model, only rtl/. tests/cosim/t_mutants_selfcheck.sh (make test) runs the baseline and one
# mutant, so a broken harness cannot pass for a catch.

MUTANTS ?=
ALL ?=
WRITE ?=
MUTANT_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: mutants
mutants:
	@bash tools/deps.sh c sim python
	@$(MAKE) -s --no-print-directory all tracegen $(CORE_OBJS) build/obj/harness/mmu/mmu_rtl.o build/obj/harness/cli/vmsim.o >&2
	@$(MAKE) -s --no-print-directory formal-tools >&2  # check_formal proves some mutants wrong
	@for c in $$(python3 tools/mutants.py --configs $(if $(MUTANTS),--only $(MUTANTS))); do \
		$(MAKE) -s --no-print-directory cosim-build-$$c >&2 || exit 1; \
	done
	@time python3 tools/mutants.py --jobs $(MUTANT_JOBS) $(if $(MUTANTS),--only $(MUTANTS)) \
		$(if $(ALL),--all) $(if $(WRITE),--write docs/mutants.md)
