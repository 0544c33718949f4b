#!/usr/bin/env python3
"""Train the triage back-up model and measure it by leave-one-writer-out cross-validation.

Each labelled set was written by a different writer.  ``--cv`` trains on all sets but one and tests on it,
for each set, and prints per-set and mean figures for the model alone, the rules alone and each way of
combining them (``aduan.triage.ModelPolicy``, passed to ``triage``).  ``--write`` trains on all the sets and writes the
quantised parameters to ``shared/aduan/triage/model_data.json.gz``.  Deterministic (fixed seed).

Only the development sets listed in ``SETS`` are read; a sealed set (``triage_holdout7.jsonl``, being
written) is never opened.

Usage::

    PYTHONPATH=shared python scripts/train_triage_model.py --cv [--write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "shared") not in sys.path:
    sys.path.insert(0, str(ROOT / "shared"))

from aduan.triage import DEFAULT_POLICY, ModelPolicy, engine, model  # noqa: E402
from aduan.triage.lexicon import CATEGORIES, PRIORITIES  # noqa: E402
from aduan.triage.normalize import normalize  # noqa: E402

DATA = ROOT / "tests" / "data"
# explicit list of the development sets: a sealed set (holdout7, and any later one) is never read here
SETS: tuple[str, ...] = (
    "triage_labelled.jsonl",
    "triage_holdout.jsonl",
    "triage_holdout2.jsonl",
    "triage_holdout3.jsonl",
    "triage_holdout4.jsonl",
    "triage_holdout5.jsonl",
    "triage_holdout6.jsonl",
)
SEALED: frozenset[str] = frozenset()  # the sets being written sealed, if any (holdout7 is spent)
SEED = 20261128
EPOCHS = 30
L2 = 1e-4
LR = 0.2
MIN_DF = 2
SCALE = 100.0  # weights quantised to 0.01
PRUNE = float(os.environ.get("TRIAGE_PRUNE", "0.1"))  # weights with |w| below this are dropped

Row = dict[str, Any]
OFF: dict[str, Any] = {"cat": "off", "cat_t": 0.5, "margin": 1.0, "pri": "off", "pri_t": 0.5, "dar_t": 2.0}


def load_sets() -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for name in SETS:
        if name in SEALED:
            raise SystemExit(f"{name} is sealed")
        with (DATA / name).open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        for r in rows:
            r["_f"] = model.features(normalize(r["text"]).tokens, engine.lemma)
        out[name] = rows
    return out


def train_linear(xs: Sequence[list[str]], ys: Sequence[str], labels: tuple[str, ...], seed: int) -> model.Linear:
    """Softmax regression by SGD with L2 (lazy decay is skipped: the data is small)."""
    df = Counter(f for x in xs for f in set(x))
    keep = {f for f, c in df.items() if c >= MIN_DF}
    data = [([f for f in x if f in keep], labels.index(y)) for x, y in zip(xs, ys, strict=True)]
    n = len(labels)
    w: dict[str, list[float]] = {f: [0.0] * n for f in sorted(keep)}
    b = [0.0] * n
    rng = random.Random(seed)
    order = list(range(len(data)))
    step = 0
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        lr = LR / (1 + epoch * 0.2)
        for i in order:
            fs, y = data[i]
            s = b[:]
            for f in fs:
                wf = w[f]
                for k in range(n):
                    s[k] += wf[k]
            top = max(s)
            ex = [math.exp(v - top) for v in s]
            z = sum(ex)
            g = [e / z for e in ex]
            g[y] -= 1.0
            for k in range(n):
                b[k] -= lr * g[k]
            for f in fs:
                wf = w[f]
                for k in range(n):
                    wf[k] -= lr * (g[k] + L2 * wf[k] * len(data) / 50)
            step += 1
    weights: model.Weights = {}
    for f, wf in w.items():
        kept = [x for k, v in enumerate(wf) if abs(v) >= PRUNE for x in (k, round(v * SCALE))]
        if kept:
            weights[f] = kept
    return model.Linear(labels, [round(v * SCALE) for v in b], weights, SCALE)


def train(rows: Sequence[Row]) -> model.Model:
    xs = [r["_f"] for r in rows]
    cat = train_linear(xs, [r["category"] for r in rows], CATEGORIES, SEED)
    # the priority model also sees the category (the gold one here, the decided one in the engine)
    pxs = [[*r["_f"], "c:" + r["category"]] for r in rows]
    pri = train_linear(pxs, [r["priority"] for r in rows], PRIORITIES, SEED + 1)
    return model.Model(cat, pri)


def score(rows: Sequence[Row], preds: Sequence[tuple[str, str]]) -> dict[str, float]:
    n = len(rows)
    cat = sum(r["category"] == c for r, (c, _) in zip(rows, preds, strict=True)) / n
    pri = sum(r["priority"] == p for r, (_, p) in zip(rows, preds, strict=True)) / n
    tp = sum(r["priority"] == "darurat" and p == "darurat" for r, (_, p) in zip(rows, preds, strict=True))
    pos = sum(r["priority"] == "darurat" for r in rows)
    flagged = sum(p == "darurat" for _, p in preds)
    return {"cat": cat, "pri": pri, "rec": tp / pos if pos else 1.0, "prec": tp / flagged if flagged else 1.0}


def run_policy(rows: Sequence[Row], policy: dict[str, Any]) -> list[tuple[str, str]]:
    pol = ModelPolicy(**policy)
    out = []
    for r in rows:
        t = engine.triage(r["text"], r.get("channel"), r.get("location"), policy=pol)
        out.append((t.category, t.priority))
    return out


def policies() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = [("rules only", dict(OFF))]
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        out.append((f"cat fallback p>={t}", {**OFF, "cat": "fallback", "cat_t": t}))
        for m in (0.5, 1.0, 2.0, 3.0):
            out.append((f"cat weak(margin<{m}) p>={t}", {**OFF, "cat": "weak", "cat_t": t, "margin": m}))
    for mode in ("default", "any"):
        for t in (0.5, 0.6, 0.7, 0.8, 0.9):
            out.append((f"pri {mode} p>={t}", {**OFF, "pri": mode, "pri_t": t}))
    for d in (0.6, 0.7, 0.8, 0.9):
        out.append((f"pri darurat-raise p>={d}", {**OFF, "pri": "default", "pri_t": 1.1, "dar_t": d}))
    return out


def fmt(res: dict[str, float]) -> str:
    return f"cat {res['cat']:6.1%}  pri {res['pri']:6.1%}  dar.rec {res['rec']:6.1%}  dar.prec {res['prec']:6.1%}"


def cross_validate(sets: dict[str, list[Row]], extra: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    pols = policies() + extra
    per: dict[str, dict[str, dict[str, float]]] = {name: {} for name, _ in pols}
    alone: dict[str, dict[str, float]] = {}
    for held in SETS:
        train_rows = [r for name, rows in sets.items() if name != held for r in rows]
        mdl = train(train_rows)
        model.use(mdl)
        test = sets[held]
        cats = [mdl.category.predict(r["_f"])[0] for r in test]
        alone[held] = score(
            test, [(c, mdl.priority.predict(r["_f"], "c:" + c)[0]) for r, c in zip(test, cats, strict=True)]
        )
        for name, pol in pols:
            per[name][held] = score(test, run_policy(test, pol))
    model.use(None)

    def mean(d: dict[str, dict[str, float]]) -> dict[str, float]:
        return {k: sum(v[k] for v in d.values()) / len(d) for k in ("cat", "pri", "rec", "prec")}

    print("== model alone, leave-one-writer-out")
    for held in SETS:
        print(f"  {held:<24} {fmt(alone[held])}")
    print(f"  {'mean':<24} {fmt(mean(alone))}")
    print("== rules only, same folds (optimistic: the rules were tuned on most of these sets)")
    for held in SETS:
        print(f"  {held:<24} {fmt(per['rules only'][held])}")
    print(f"  {'mean':<24} {fmt(mean(per['rules only']))}")
    print(f"== combinations (mean over the {len(SETS)} folds)")
    means = {name: mean(per[name]) for name, _ in pols}
    base = means["rules only"]
    for name, _ in pols:
        delta = "  ".join(f"{k} {100 * (means[name][k] - base[k]):+.2f}" for k in ("cat", "pri", "rec", "prec"))
        print(f"  {name:<34} {fmt(means[name])}   vs rules: {delta}")
    for name, _ in extra:
        print(f"== per fold: {name}")
        for held in SETS:
            print(f"  {held:<24} {fmt(per[name][held])}")
    return means


def write(sets: dict[str, list[Row]], path: Path) -> None:
    mdl = train([r for rows in sets.values() for r in rows])
    obj = {"category": mdl.category.to_json(), "priority": mdl.priority.to_json()}
    raw = json.dumps(obj, separators=(",", ":"), sort_keys=True).encode()
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)
    print(
        f"wrote {path.relative_to(ROOT)}: {len(mdl.category.weights)} category and "
        f"{len(mdl.priority.weights)} priority features, {path.stat().st_size:,} bytes"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="leave-one-writer-out cross-validation")
    ap.add_argument("--write", action="store_true", help="train on all the sets and write the parameters")
    ap.add_argument("--policy", action="append", default=[], help="extra policy to evaluate, as JSON")
    args = ap.parse_args(argv)
    saved = DEFAULT_POLICY._asdict()
    sets = load_sets()
    if args.cv:
        extra = [("shipped " + json.dumps(saved, sort_keys=True), dict(saved))]
        extra += [(p, {**OFF, **json.loads(p)}) for p in args.policy]
        cross_validate(sets, extra)
    if args.write:
        write(sets, Path(model.DATA_FILE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
