#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Each option of a program's --help (on stdin) that names a make variable, one a line:
"long ARG VAR" or "long VAR" (an entry's wrapped lines joined).  tests/cli/t_commands.sh.
"""
import re, sys
entries = []
for l in sys.stdin:
    if re.match(r"^ {2}(-., |    )--", l): entries.append(l.strip())
    elif l.startswith(" " * 31) and entries: entries[-1] += " " + l.strip()
for e in entries:
    m = re.match(r"(?:-., )?--([a-z-]+)( [A-Z=]+)? .*\(make: ([A-Z_]+)=\)", e)
    if m: print(m.group(1), (m.group(2) or "").strip(), m.group(3))
