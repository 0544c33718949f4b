#!/usr/bin/env python3
"""Evaluate ``aduan.triage`` against labelled JSONL sets.

Prints per-field accuracy, category and priority confusion matrices, ``darurat`` recall/precision and
the misclassified rows.  ``--check`` exits non-zero when a target is missed.

Sealed sets are never opened unless named with ``--sealed``: a set is sealed when it is in ``SEALED`` below,
when its row in the table of ``tests/data/README.md`` says **Sealed** or "not yet run", or when the table does
not list it at all (a set still being written).
``--all`` evaluates the development sets only and names the sealed ones it skipped.

Usage::

    PYTHONPATH=shared python scripts/eval_triage.py [--file PATH | --all] [--check] [--max-errors N]
    PYTHONPATH=shared python scripts/eval_triage.py --file tests/data/NAME.jsonl --sealed NAME.jsonl  # the sealed run
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "shared") not in sys.path:
    sys.path.insert(0, str(ROOT / "shared"))

from aduan.triage import AREAS, CATEGORIES, PRIORITIES, triage  # noqa: E402

DEFAULT_FILE = ROOT / "tests" / "data" / "triage_labelled.jsonl"
DATA_DIR = ROOT / "tests" / "data"
# the targets of issue 11 (for a sealed set's first run)
TARGETS = {
    "category": 0.92,
    "priority": 0.85,
    "area": 0.96,
    "darurat_recall": 0.97,
    "darurat_precision": 0.75,
    "sms_recall": 0.95,
}
SMS = ("darurat", "tinggi")  # the priorities that send an SMS to the officers on duty
SHORT = {
    "kecelakaan": "kecel",
    "lalu_lintas": "lalin",
    "pencurian": "curi",
    "kekerasan": "keras",
    "kdrt_ppa": "ppa",
    "narkoba": "narko",
    "penipuan": "tipu",
    "gangguan_kamtibmas": "kamtb",
    "orang_hilang": "hilng",
    "kebakaran_bencana": "bencn",
    "layanan_polisi": "layan",
    "pengaduan_petugas": "petug",
    "lainnya": "lain",
    "rendah": "rend",
    "sedang": "sedg",
    "tinggi": "tingg",
    "darurat": "darur",
}


# sealed until the lead's one run; remove a name here only after that run is reported (holdout7: run and
# reported on 2 December 2026, now a development set). Add the next sealed set here while it is written.
SEALED: frozenset[str] = frozenset()
_TABLE_ROW = re.compile(r"^\|\s*`(triage_[\w.-]+\.jsonl)`\s*\|(.*)\|\s*$")


def listed_sets(data_dir: Path = DATA_DIR) -> dict[str, bool]:
    """The sets in the README's table: name -> sealed (its row says **Sealed**)."""
    readme = data_dir / "README.md"
    out: dict[str, bool] = {}
    if not readme.exists():
        return out
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = _TABLE_ROW.match(line.strip())
        if m:
            use = m.group(2).lower()
            sealed = "**sealed**" in use or "not yet run" in use
            out[m.group(1)] = out.get(m.group(1), False) or sealed
    return out


def is_sealed(path: Path, data_dir: Path = DATA_DIR) -> bool:
    """True for a set the README marks sealed, or a ``triage_*.jsonl`` set it does not list at all."""
    if path.name in SEALED:
        return True
    listed = listed_sets(data_dir)
    if path.name in listed:
        return listed[path.name]
    return path.name.startswith("triage_") and path.resolve().parent == data_dir.resolve()


def all_sets(data_dir: Path = DATA_DIR, opened: frozenset[str] = frozenset()) -> list[Path]:
    """The development ``triage_*.jsonl`` sets in ``data_dir`` (labelled first, then by name), plus the sealed
    ones named in ``opened``; other sealed sets are left out (their files are never opened)."""
    found = [p for p in sorted(data_dir.glob("triage_*.jsonl")) if p.name in opened or not is_sealed(p, data_dir)]
    return sorted(found, key=lambda p: (p.name != DEFAULT_FILE.name, p.name))


def skipped_sets(data_dir: Path = DATA_DIR, opened: frozenset[str] = frozenset()) -> list[str]:
    """Names of the sealed sets ``all_sets`` leaves out."""
    keep = {p.name for p in all_sets(data_dir, opened)}
    return [p.name for p in sorted(data_dir.glob("triage_*.jsonl")) if p.name not in keep]


def load(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL file, skipping blank lines."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def confusion(pairs: list[tuple[str, str]], labels: tuple[str, ...], title: str) -> str:
    """Render a compact confusion matrix (rows = expected, columns = predicted)."""
    counts = Counter(pairs)
    cols = "".join(f"{SHORT.get(c, c)[:5]:>6}" for c in labels)
    head = f"{title} (rows expected, cols got)\n" + " " * 7 + cols
    lines = [head]
    for exp in labels:
        cells = "".join(f"{(counts[(exp, got)] or '.')!s:>6}" for got in labels)
        lines.append(f"{SHORT.get(exp, exp)[:6]:<7}{cells}")
    return "\n".join(lines)


def evaluate(path: Path, max_errors: int) -> dict[str, float]:
    """Evaluate one file and print the report; return the headline figures."""
    rows = load(path)
    n = len(rows)
    ok = Counter[str]()
    cat_pairs: list[tuple[str, str]] = []
    pri_pairs: list[tuple[str, str]] = []
    errors: list[str] = []
    tp = fn = fp = 0
    sms_tp = sms_pos = sms_flag = 0
    by_sms = 0  # darurat rows rated darurat or tinggi: the on-duty officers get an SMS either way
    for row in rows:
        t = triage(row["text"], row.get("channel"), row.get("location"))
        exp = {"category": row["category"], "priority": row["priority"], "area": row.get("area")}
        got = {"category": t.category, "priority": t.priority, "area": t.area}
        bad = [f for f in exp if exp[f] != got[f]]
        for f, value in exp.items():
            ok[f] += value == got[f]
        cat_pairs.append((str(row["category"]), t.category))
        pri_pairs.append((str(row["priority"]), t.priority))
        sms_pos += exp["priority"] in SMS
        sms_flag += got["priority"] in SMS
        sms_tp += exp["priority"] in SMS and got["priority"] in SMS
        if exp["priority"] == "darurat":
            by_sms += got["priority"] in ("darurat", "tinggi")
            tp += got["priority"] == "darurat"
            fn += got["priority"] != "darurat"
        elif got["priority"] == "darurat":
            fp += 1
        if bad:
            text = row["text"].replace("\n", " ")
            text = text if len(text) <= 110 else text[:107] + "..."
            diff = "; ".join(f"{f}: {exp[f]}→{got[f]}" for f in bad)
            errors.append(f"  {row.get('id', '?'):>5} {diff}\n        {text}")
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    res = {f: ok[f] / n if n else 0.0 for f in ("category", "priority", "area")}
    res["darurat_recall"] = recall
    res["darurat_precision"] = precision
    res["sms_recall"] = sms_tp / sms_pos if sms_pos else 1.0
    sms_precision = sms_tp / sms_flag if sms_flag else 1.0
    print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({n} rows)")
    for f in ("category", "priority", "area"):
        print(f"  {f:<9} {res[f]:6.1%}  ({ok[f]}/{n})  target ≥{TARGETS[f]:.0%}")
    print(
        f"  darurat   recall {recall:6.1%} ({tp}/{tp + fn}) target ≥{TARGETS['darurat_recall']:.0%}, "
        f"precision {precision:6.1%} ({tp}/{tp + fp}) target ≥{TARGETS['darurat_precision']:.0%}"
    )
    print(
        f"  SMS       recall {res['sms_recall']:6.1%} ({sms_tp}/{sms_pos}) target ≥{TARGETS['sms_recall']:.0%}, "
        f"precision {sms_precision:6.1%} ({sms_tp}/{sms_flag})  (darurat or tinggi vs the rest)"
    )
    if tp + fn:
        print(f"  darurat   alerted by SMS (rated darurat or tinggi) {by_sms / (tp + fn):6.1%} ({by_sms}/{tp + fn})")
    print()
    print(confusion(cat_pairs, CATEGORIES, "category"))
    print()
    print(confusion(pri_pairs, PRIORITIES, "priority"))
    area_labels = sorted({str(r.get("area")) for r in rows} - set(AREAS))
    if area_labels and area_labels != ["None"]:
        print(f"  (unknown area labels in file: {area_labels})")
    print(f"\nmisclassified rows: {len(errors)}")
    for e in errors[:max_errors]:
        print(e)
    if len(errors) > max_errors:
        print(f"  ... {len(errors) - max_errors} more")
    print()
    return res


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE, help="JSONL set to evaluate")
    ap.add_argument(
        "--all", action="store_true", help="evaluate every tests/data/triage_*.jsonl set, labelled set first"
    )
    ap.add_argument(
        "--sealed",
        action="append",
        default=[],
        metavar="NAME",
        help="open this sealed set (file name); for the one sealed run only",
    )
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--max-errors", type=int, default=200, help="misclassified rows to print")
    args = ap.parse_args(argv)
    opened = frozenset(args.sealed)
    files = [args.file]
    if args.all:
        files = all_sets(opened=opened)
        for name in skipped_sets(opened=opened):
            print(f"skipped sealed set {name} (not opened; --sealed {name} to run it)")
        if args.file.resolve() not in {p.resolve() for p in files}:
            files.insert(0, args.file)
    missed: list[str] = []
    for path in files:
        if is_sealed(path) and path.name not in opened:
            print(
                f"{path.name} is sealed: not opened (pass --sealed {path.name} for the one sealed run)", file=sys.stderr
            )
            return 2
        if not path.exists():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
        res = evaluate(path, args.max_errors)
        missed += [f"{path.name}:{k} {res[k]:.1%} < {v:.0%}" for k, v in TARGETS.items() if res[k] < v]
    if missed:
        print("targets missed: " + ", ".join(missed))
        if args.check:
            return 1
    else:
        print("all targets met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
