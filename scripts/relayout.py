#!/usr/bin/env python3
"""Lays a set of pages out again without the signals its source gave:
every line stripped of its indent, and either a blank line between all
lines (as OCR text comes) or none. The gold applies unchanged, so the
parser's score on the copy says how much it leans on those signals.

    python3 scripts/relayout.py tests/realpages/renmin-ribao /tmp/rm-ocr --blank
    python3 scripts/score_pages.py /tmp/rm-ocr
"""
import pathlib
import shutil
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit("usage: relayout.py SET_DIR OUT_DIR [--blank]")
    src, out = pathlib.Path(args[0]), pathlib.Path(args[1])
    sep = "\n\n" if "--blank" in sys.argv else "\n"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "gold.json", out / "gold.json")
    for page in sorted(src.glob("*.txt")):
        lines = [l.strip() for l in page.read_text(encoding="utf-8").split("\n") if l.strip()]
        (out / page.name).write_text(sep.join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
