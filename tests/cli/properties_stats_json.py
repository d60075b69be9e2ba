#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""properties_stats_json.py NAME...: for each NAME, "NAME accesses page_faults tlb_hits"
of json-NAME.json in the current folder, or "NAME Error: why" when it does not
parse.  tests/cli/t_properties.sh.
"""
import json, sys
for t in sys.argv[1:]:
    try:
        d = json.load(open(f"json-{t}.json"))
        print(t, d["accesses"], d["page_faults"], d["tlb_hits"])
    except Exception as e:
        print(t, f"{type(e).__name__}: {e}")
