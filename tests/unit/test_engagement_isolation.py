"""Engagement never reaches triage or routing, by construction: the code that ingests, triages and alerts
never imports the engagement modules, and the notifier's stream filter passes ticket items only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from devstack.cfn import Stack, load_template

ROOT = Path(__file__).resolve().parents[2]
ENGAGEMENT_MODULES = (
    "aduan.domain.engagement",
    "aduan.adapters.engagement_store",
    "aduan.services.engagement",
    "aduan.channels.engagement",
    "aduan.adapters.parity_store",
)


def test_ingest_triage_and_notifier_never_import_engagement() -> None:
    script = f"""
import importlib.util, json, sys
sys.path[:0] = [{str(ROOT / "shared")!r}, {str(ROOT)!r}]
for name, path in (("normalizer", "functions/normalizer/app.py"), ("notifier", "functions/notifier/app.py")):
    spec = importlib.util.spec_from_file_location(name, {str(ROOT)!r} + "/" + path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
import aduan.ingest, aduan.notify, aduan.triage, aduan.tickets, aduan.alerts
print(json.dumps(sorted(sys.modules)))
"""
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "POWERTOOLS_TRACE_DISABLED": "1"},
        ).stdout
    )
    assert "aduan.ingest" in loaded and "aduan.notify" in loaded
    assert not [m for m in loaded if m in ENGAGEMENT_MODULES or m.endswith(".engagement")]


def test_the_notifier_stream_filter_passes_ticket_items_only() -> None:
    notifier = Stack(load_template()).function("NotifierFunction")
    [source] = notifier.stream_sources
    patterns = list(source.filters)
    assert patterns and all(p["dynamodb"]["Keys"]["sk"]["S"] == ["TICKET"] for p in patterns)
