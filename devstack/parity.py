"""``python -m devstack.parity`` (``make parity``): the parity report of the running local stack.

Reads the stack's table through the embedded AWS endpoint with the same adapter and computation as the daily
``ParityDailyFunction`` (``aduan.adapters.parity_store``, ``aduan.domain.parity``), prints it as tables and
stores it as that function does (``--csv`` only prints): ``GET /api/parity`` serves the stored report (the
local stack also runs the daily schedule, every 24 minutes at ``SLA_SPEEDUP=60``).
``--seed-demo`` first writes 30 days of clearly labelled demo history (``devstack.parity_seed``; ticket
numbers ``DEMO-*``, actor ``demo-seed``, and every channel's delivery history); ``--seed-channels`` writes
only the channels' delivery history (the watchdog's rhythm by hour of the week); ``--csv`` prints the CSV
export instead. A stack with no history says so.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from devstack import DEFAULT_REGION

if TYPE_CHECKING:
    from aduan.domain.parity import ParityReport

TABLE = "Table"  # the local stack names resources after their logical ids


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def render(report: ParityReport) -> str:
    data = report.to_dict()
    lines = [
        f"Parity report {report.period_start:%Y-%m-%d %H:%M} to {report.period_end:%Y-%m-%d %H:%M} UTC, "
        f"{report.reports} reports",
        "",
        "Time to acknowledge and to resolve (minutes; waiting = not acknowledged by the period's end)",
        "",
        "| by | value | reports | waiting | ack median | ack p90 | resolved | resolve median | resolve p90 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for g in report.groups:
        lines.append(
            f"| {g.dimension} | {g.value} | {g.reports} | {g.waiting} | {_fmt(_m(g.ack_median_s))} | "
            f"{_fmt(_m(g.ack_p90_s))} | {g.resolved} | {_fmt(_m(g.resolve_median_s))} | {_fmt(_m(g.resolve_p90_s))} |"
        )
    lines += [
        "",
        "Parity ratio: median time to acknowledge of low-engagement reports (none, low) over high (high, viral); "
        "1.0 is parity",
        "",
        "| priority | low-engagement reports | high-engagement reports | low median (min) | high median (min) | "
        "ratio | 95% interval |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in (*report.by_priority, report.combined):
        interval = f"{_fmt(r.ci_low, 2)} to {_fmt(r.ci_high, 2)}" if r.ci_low is not None else "-"
        name = "combined" if r.priority == "all" else r.priority
        lines.append(
            f"| {name} | {r.low_reports} | {r.high_reports} | {_fmt(_m(r.low_median_s))} | "
            f"{_fmt(_m(r.high_median_s))} | {_fmt(r.ratio, 2)} | {interval} |"
        )
    buckets = ", ".join(f"{k} {v}" for k, v in data["buckets"].items())
    lines += ["", f"Buckets (interactions: likes + reposts/shares + replies + quotes): {buckets}."]
    lines.append(f"Method: {data['parity']['method']}; the daily alarm fires above {data['parity']['alarm_above']}.")
    lines += [f"Note: {note}" for note in report.notes]
    return "\n".join(lines)


def _m(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14, help="the bootstrap's seed")
    parser.add_argument("--csv", action="store_true", help="print the CSV export")
    parser.add_argument("--seed-demo", action="store_true", help="first write 30 days of labelled demo history")
    parser.add_argument(
        "--seed-channels",
        action="store_true",
        help="only write the channels' delivery history (the watchdog's rhythm), then stop",
    )
    parser.add_argument("--endpoint", help="the embedded AWS endpoint (default: the running make dev)")
    args = parser.parse_args(argv)

    from devstack.discover import StackNotFoundError, discover

    try:
        endpoint = args.endpoint or discover(need="aws").aws_endpoint
    except StackNotFoundError as exc:
        print(f"make parity: {exc}", file=sys.stderr)
        return 2
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    os.environ.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

    from aduan.adapters.parity_store import ParityStore
    from aduan.services.parity import ROLLING_DAYS, ParityService

    now = datetime.now(UTC)
    if args.seed_channels:
        from devstack.parity_seed import seed_channels

        counted = seed_channels(TABLE, now, days=args.days)
        print(f"Seeded {args.days} days of delivery history on every channel: {counted} deliveries counted.")
        return 0
    if args.seed_demo:
        from devstack.parity_seed import seed_history

        written = seed_history(TABLE, now, days=args.days)
        print(
            f"Seeded demo history: {written['tickets']} tickets (DEMO-*), {written['deliveries']} deliveries counted."
        )
    store = ParityStore(TABLE, workers=2)  # the local endpoint is one process
    report = ParityService(store).report(now - timedelta(days=args.days), now, resamples=args.resamples, seed=args.seed)
    if not args.csv:
        # What the daily ParityDailyFunction does: store the report, which GET /api/parity serves (with its period;
        # --days other than 30 stores that window instead, until the next daily run).
        store.save(report, now)
        window = "rolling 30-day" if args.days == ROLLING_DAYS else f"{args.days}-day"
        print(f"Stored as the {window} report (GET /api/parity serves it; computed {now:%H:%M} UTC).")
    if report.reports == 0:
        print(
            f"No reports in the last {args.days} days on this stack: nothing to compare yet. "
            "Send some (make simulate) and answer them, or seed labelled demo history: make parity SEED=1"
        )
        return 0
    print(report.csv() if args.csv else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
