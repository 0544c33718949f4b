#!/usr/bin/env python3
"""Benchmark ``aduan.triage``: single-core throughput and import time (figures only, no assertions).

Usage::

    PYTHONPATH=shared python scripts/bench_triage.py [--seconds 2.0] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "shared"
if str(SHARED) not in sys.path:
    sys.path.insert(0, str(SHARED))

LABELLED = ROOT / "tests" / "data" / "triage_labelled.jsonl"
TARGET_RPS = 5_000
TARGET_IMPORT_MS = 50.0

_GENERATED = [
    "tolong ada begal di jl soekarno hatta sekarang, korban luka!!",
    "motor saya dicuri kemarin malam di parkiran kos daerah Dinoyo",
    "mau tanya syarat perpanjang SIM C di satpas, jam buka kapan ya min?",
    "kebakaran rumah di Sawojajar 🔥🔥 apinya makin besar",
    "ada tabrakan di Jl. Ijen tidak ada korban, hanya lecet",
    "oknum polisi minta uang damai pas razia di Suhat",
    "rotom ayas ilang nang ngalam, tulung sam",
    "suami saya memukul saya tadi malam, saya takut pulang",
    "ada balap liar tiap malam minggu di jalan raya sawojajar, knalpot brong berisik",
    "anak saya umur 6 tahun hilang di alun-alun merdeka, pakai baju merah",
    "saya ditipu jual beli online, sudah transfer 2 juta barang tidak dikirim",
    "terima kasih pak polisi atas bantuannya",
]


def _texts() -> list[str]:
    if LABELLED.exists():
        with LABELLED.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        if texts:
            return texts
    return list(_GENERATED)


def throughput(seconds: float) -> tuple[float, int]:
    """Run triage over the texts repeatedly for at least ``seconds``; return (reports/s, reports)."""
    from aduan.triage import triage

    texts = _texts()
    for t in texts:  # warm caches the way a warm Lambda would have them
        triage(t)
    done = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for t in texts:
            triage(t)
        done += len(texts)
        elapsed = time.perf_counter() - start
    return done / elapsed, done


def _env(layer: str, *, cached: bool) -> dict[str, str]:
    """Interpreter environment importing the package from ``layer`` (bytecode written only when ``cached``)."""
    env = dict(os.environ, PYTHONPATH=layer)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not cached:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return (time.perf_counter() - start) * 1000


def _importtime_ms(env: dict[str, str]) -> float | None:
    """Cumulative import time of aduan.triage from ``python -X importtime`` (ms)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import aduan.triage"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "aduan.triage":
            return int(parts[1]) / 1000
    return None


def import_time(runs: int, *, cached: bool) -> tuple[float, float | None]:
    """Median wall-clock import cost over a bare interpreter, and median -X importtime figure (ms).

    Without cached bytecode every import compiles the source, as on a read-only Lambda layer; with it,
    as on an installation whose ``__pycache__`` is writable (measured after one warm-up import).
    """
    with tempfile.TemporaryDirectory(prefix="aduan-layer-") as layer:
        # A fresh copy of the package: no __pycache__ left over from tests or earlier runs.
        shutil.copytree(SHARED / "aduan", Path(layer) / "aduan", ignore=shutil.ignore_patterns("__pycache__"))
        env = _env(layer, cached=cached)
        if cached:
            _run("import aduan.triage", env)
        base = [_run("pass", env) for _ in range(runs)]
        full = [_run("import aduan.triage", env) for _ in range(runs)]
        wall = statistics.median(full) - statistics.median(base)
        xs = [x for x in (_importtime_ms(env) for _ in range(runs)) if x is not None]
    return max(wall, 0.0), (statistics.median(xs) if xs else None)


_FIRST_CALL = """
import time
t0 = time.perf_counter()
import aduan.triage as m
t1 = time.perf_counter()
m.triage({text!r})
t2 = time.perf_counter()
from aduan.triage import model
t3 = time.perf_counter()
model.load()
t4 = time.perf_counter()
print((t2 - t1) * 1000, (t4 - t3) * 1000)
"""
# a report the rules find little evidence in, so that the first call loads and runs the learned model
FIRST_TEXT = "min tolong dibantu, ada yang aneh di depan rumah saya dari tadi"


def first_call(runs: int) -> tuple[float, float]:
    """Median cost of the first ``triage`` call in a fresh interpreter (which loads the learned model), and
    of loading the model parameters alone (ms); measured without cached bytecode."""
    with tempfile.TemporaryDirectory(prefix="aduan-layer-") as layer:
        shutil.copytree(SHARED / "aduan", Path(layer) / "aduan", ignore=shutil.ignore_patterns("__pycache__"))
        env = _env(layer, cached=False)
        firsts: list[float] = []
        loads: list[float] = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", _FIRST_CALL.format(text=FIRST_TEXT)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout.split()
            firsts.append(float(out[0]))
            loads.append(float(out[1]))
    return statistics.median(firsts), statistics.median(loads)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=2.0, help="minimum seconds of triage work")
    ap.add_argument("--runs", type=int, default=7, help="fresh interpreters per import measurement")
    args = ap.parse_args(argv)
    rps, n = throughput(args.seconds)
    source = "labelled set" if LABELLED.exists() else "generated mix"
    print(f"throughput: {rps:,.0f} reports/s on one core ({n} reports, {source})  target ≥{TARGET_RPS:,}/s")
    for cached, label in ((False, "no cached bytecode, as on a read-only layer"), (True, "cached bytecode")):
        wall, xt = import_time(args.runs, cached=cached)
        xt_s = f"{xt:.1f} ms" if xt is not None else "n/a"
        print(
            f"import time of aduan.triage, {label}: {wall:.1f} ms (median wall clock minus bare interpreter, "
            f"{args.runs} runs); -X importtime cumulative {xt_s}  target <{TARGET_IMPORT_MS:.0f} ms"
        )
    first, load = first_call(args.runs)
    print(
        f"first triage call after import (loads the learned model): {first:.1f} ms, of which loading the model "
        f"parameters {load:.1f} ms (median of {args.runs} fresh interpreters; later calls ~0.2 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
