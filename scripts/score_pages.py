#!/usr/bin/env python3
"""Score kanbao's parser on page sets with a gold reading, as the measurement does.

usage: scripts/score_pages.py [-v] [--bin PATH] [--scorer SCORE.py] SET_DIR...

Each SET_DIR holds page files (*.txt, sidecars beside them) and gold.json in the
format of shared/gold/seeds.json. Every file is exported on its own
(`kanbao export FILE --format json`, so pages of one day are not merged into one
issue and every page keeps its name), the exports are put together, and the
shared scorer (../shared/tools/score.py by default) prints its lines; the last
line of each set is echoed as `== SET recall … precision … reporters … dates …`
(with -v, the scorer's lines per file before it: what was missed, what is extra).
"""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
binary = os.path.join(here, "..", "target", "release", "kanbao")
scorer = os.path.join(here, "..", "..", "shared", "tools", "score.py")
sets = []
while args:
    a = args.pop(0)
    if a == "--bin":
        binary = args.pop(0)
    elif a == "--scorer":
        scorer = args.pop(0)
    elif a == "-v":
        pass
    else:
        sets.append(a)
if not sets:
    sys.exit(__doc__)
for d in sets:
    gold_path = os.path.join(d, "gold.json")
    gold = json.load(open(gold_path, encoding="utf-8"))
    issues = []
    for name in sorted(k for k in gold if not k.startswith("_")):
        out = subprocess.run([binary, "export", os.path.join(d, name), "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        issues += json.loads(out)["issues"]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"issues": issues}, f, ensure_ascii=False)
    res = subprocess.run([sys.executable, scorer, gold_path, f.name], capture_output=True, text=True)
    os.unlink(f.name)
    lines = res.stdout.strip().split("\n")
    if "-v" in sys.argv:
        print("\n".join(lines[:-1]))
    print(f"== {os.path.basename(os.path.normpath(d))} {lines[-1]}")
