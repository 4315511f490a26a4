#!/usr/bin/env python3
"""Print 'N passed, N failed' for a meson test run.

Counts each TAP subtest of a GTest program as one test (a program with no
TAP lines counts as one), so the line speaks of real tests, not programs.
A program that crashed or timed out counts its missing plan as failures.
"""
import json
import re
import sys

passed = failed = skipped = 0
plan_re = re.compile(r"^1\.\.(\d+)")
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        t = json.loads(line)
    except ValueError:
        continue
    out = t.get("stdout") or ""
    ok = bad = skip = 0
    plan = None
    for l in out.splitlines():
        if l.startswith("ok "):
            if "# SKIP" in l:
                skip += 1
            else:
                ok += 1
        elif l.startswith("not ok "):
            if "# TODO" in l:
                skip += 1
            else:
                bad += 1
        else:
            m = plan_re.match(l)
            if m:
                plan = int(m.group(1))
    result = t.get("result", "")
    if ok + bad + skip == 0:
        if result in ("OK", "EXPECTEDFAIL"):
            ok = 1
        elif result == "SKIP":
            skip = 1
        else:
            bad = 1
    else:
        if plan is not None and ok + bad + skip < plan:
            bad += plan - (ok + bad + skip)
        if result not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
            bad = 1
    passed += ok
    failed += bad
    skipped += skip
line = f"Tests: {passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
