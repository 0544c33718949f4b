#!/usr/bin/env python3
"""Evaluate the incident rule (``aduan.domain.incidents``) on the labelled report streams.

Replays a set in time order as ingest would: each report is triaged, looks up the open incidents of its
area (and of no area) on its day and the day before, as the index by area and time gives them, and joins one or
opens its own. Prints pairwise precision and recall, B-cubed precision, recall and F1, merges across sensitive
cases, the alerts officers would get, every wrong merge and the largest missed merges.

The held-out set is evaluated only with ``--holdout`` (once, after tuning; see ``tests/data/README.md``).
``--check`` exits non-zero when a target is missed.

Usage::

    PYTHONPATH=shared python scripts/eval_incidents.py [--holdout] [--check] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "shared") not in sys.path:
    sys.path.insert(0, str(ROOT / "shared"))

from aduan.domain import incidents as inc  # noqa: E402
from aduan.domain.incident_index import bucket_dates, buckets_for  # noqa: E402
from aduan.triage import triage  # noqa: E402

DEV = ROOT / "tests" / "data" / "incidents_dev.jsonl"
HOLDOUT = ROOT / "tests" / "data" / "incidents_holdout.jsonl"
TARGETS = {"precision": 0.97, "recall": 0.85}
SMS = ("tinggi", "darurat")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return sorted(rows, key=lambda r: (r["sent_at"], r["id"]))


def replay(rows: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, Any], list[dict[str, Any]]]:
    """Cluster the rows; return (row id -> incident id, facts per row, the decisions with their reports)."""
    open_: dict[str, inc.Incident] = {}
    index: dict[str, set[str]] = defaultdict(set)
    assigned: dict[str, str] = {}
    facts: dict[str, inc.Report] = {}
    log: list[dict[str, Any]] = []
    for row in rows:
        at = datetime.fromisoformat(row["sent_at"].replace("Z", "+00:00"))
        loc = row.get("location")
        point = (loc["lat"], loc["lon"]) if loc else None
        t = triage(row["text"], channel=row["channel"], location=point)
        report = inc.report_from(row["id"], row["text"], at, row["channel"], t, point)
        facts[row["id"]] = report
        keys = [f"{area}#{day}" for area in buckets_for(report.area) for day in bucket_dates(at)]
        candidates = [open_[i] for key in keys for i in sorted(index.get(key, ()))]
        seen: set[str] = set()
        unique = [c for c in candidates if not (c.incident_id in seen or seen.add(c.incident_id))]
        decision = inc.decide(report, unique)
        if decision.incident_id is None:
            iid = f"P{len(open_) + 1:04d}"
            open_[iid] = inc.Incident.open_with(iid, report)
        else:
            iid = decision.incident_id
            before = open_[iid]
            open_[iid] = before.with_report(report)
        incident = open_[iid]
        for key in (f"{incident.area or 'tidak_diketahui'}#{d}" for d in bucket_dates(incident.first_at)[:1]):
            index[key].add(iid)
        assigned[row["id"]] = iid
        log.append({"row": row, "decision": decision, "incident": iid, "report": report})
    return assigned, facts, log


def pairs(clusters: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in clusters.values() for p in combinations(members, 2)}  # type: ignore[misc]


def evaluate(rows: list[dict[str, Any]], show: int) -> dict[str, float]:
    assigned, facts, log = replay(rows)
    truth = {r["id"]: r["incident"] for r in rows}
    pred_clusters: dict[str, list[str]] = defaultdict(list)
    true_clusters: dict[str, list[str]] = defaultdict(list)
    for rid, iid in assigned.items():
        pred_clusters[iid].append(rid)
        true_clusters[truth[rid]].append(rid)
    pp, tp = pairs(pred_clusters), pairs(true_clusters)
    correct = pp & tp
    precision = len(correct) / len(pp) if pp else 1.0
    recall = len(correct) / len(tp) if tp else 1.0
    # B-cubed: per report, the share of its predicted cluster that is truly its incident, and vice versa
    b_p = b_r = 0.0
    for rid in assigned:
        pc = set(pred_clusters[assigned[rid]])
        tc = set(true_clusters[truth[rid]])
        both = len(pc & tc)
        b_p += both / len(pc)
        b_r += both / len(tc)
    n = len(assigned)
    b_p, b_r = b_p / n, b_r / n
    b_f = 2 * b_p * b_r / (b_p + b_r) if b_p + b_r else 0.0
    sensitive_merges = sum(
        1 for members in pred_clusters.values() if len(members) > 1 and any(facts[m].sensitive for m in members)
    )
    sensitive_rows = sum(1 for f in facts.values() if f.sensitive)
    # alerts: today one per ticket at tinggi/darurat; per incident one when it opens or rises into them, and one
    # more for each report that raises it or tells new danger
    per_ticket = sum(1 for f in facts.values() if f.priority in SMS)
    per_incident = 0
    for entry in log:
        d, f = entry["decision"], entry["report"]
        if d.incident_id is None:
            per_incident += 1 if f.priority in SMS else 0
        elif d.alerts_again and (f.priority in SMS or d.new_danger):
            per_incident += 1
    print(f"reports {n}, labelled incidents {len(true_clusters)}, predicted incidents {len(pred_clusters)}")
    print(
        f"pairwise precision {precision:.1%} ({len(correct)}/{len(pp)})  target ≥{TARGETS['precision']:.0%}"
        f"   recall {recall:.1%} ({len(correct)}/{len(tp)})  target ≥{TARGETS['recall']:.0%}"
    )
    print(f"B-cubed precision {b_p:.1%}  recall {b_r:.1%}  F1 {b_f:.1%}")
    print(f"sensitive reports {sensitive_rows}, merged with anything: {sensitive_merges}  target 0")
    print(f"officer alerts (SMS rounds): per ticket {per_ticket} → per incident {per_incident}")
    wrong = [(iid, m) for iid, m in pred_clusters.items() if len({truth[x] for x in m}) > 1]
    print(f"\nwrong merges: {len(wrong)} predicted incidents mix labelled incidents")
    by_id = {e["row"]["id"]: e for e in log}
    for iid, members in wrong[:show]:
        print(f"  {iid}:")
        for rid in members:
            e = by_id[rid]
            print(f"    {rid} [{truth[rid]} {e['row']['scenario']}] {e['row']['text'][:90]}")
            if e["decision"].incident_id:
                print(f"        ↳ {'; '.join(e['decision'].reasons)}")
    split = sorted(
        ((tid, m) for tid, m in true_clusters.items() if len({assigned[x] for x in m}) > 1),
        key=lambda x: -len(x[1]),
    )
    print(f"\nmissed merges: {len(split)} labelled incidents split over several predicted ones")
    for tid, members in split[:show]:
        parts = Counter(assigned[x] for x in members)
        print(f"  {tid} ({by_id[members[0]]['row']['scenario']}): {dict(parts)}")
        first = {}
        for rid in members:
            first.setdefault(assigned[rid], rid)
        for iid, rid in list(first.items())[1:3]:
            e = by_id[rid]
            print(f"    {rid} opened {iid}: {e['row']['text'][:90]}")
            for a in e["decision"].considered:
                if a.incident_id == assigned[members[0]]:
                    print(f"        ✗ {'; '.join(a.reasons)}")
    return {"precision": precision, "recall": recall, "sensitive": float(sensitive_merges), "bcubed_f1": b_f}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--holdout", action="store_true", help="evaluate the held-out set (once, after tuning)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--show", type=int, default=15, help="wrong and missed merges to list")
    args = parser.parse_args()
    path = HOLDOUT if args.holdout else DEV
    print(f"== {path.name}")
    result = evaluate(load(path), args.show)
    missed = [k for k, v in TARGETS.items() if result[k] < v] + (["sensitive"] if result["sensitive"] else [])
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
