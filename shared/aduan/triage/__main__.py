"""Command line: JSON lines in (``text``, optional ``channel`` and ``location``), one JSON line out each.

Usage: ``PYTHONPATH=shared python -m aduan.triage < reports.jsonl``
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .engine import triage


def run(stdin: TextIO, stdout: TextIO) -> int:
    """Triage every non-blank input line; invalid lines yield ``{"error": ...}`` in place."""
    write = stdout.write
    for line in stdin:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError("missing or non-string 'text'")
            channel = obj.get("channel")
            result = triage(text, channel if isinstance(channel, str) else None, obj.get("location"))
            out: dict[str, object] = result.to_dict()
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            out = {"error": str(exc)}
        write(json.dumps(out, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def main() -> int:
    """Entry point for ``python -m aduan.triage``."""
    return run(sys.stdin, sys.stdout)


if __name__ == "__main__":
    raise SystemExit(main())
