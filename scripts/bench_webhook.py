"""Benchmarks for the WhatsApp webhook function. Prints figures; asserts nothing.

1. Warm handler time per delivery (the full Lambda handler: routing, signature check over a ~2 KB body,
   JSON parse, logging, metrics), with the SQS call excluded: target median under 1 ms.
2. Cold import time of the function module, against the floor of `import boto3` plus creating one
   client, each measured in fresh interpreters on this machine: target at most 1.25 times the floor.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUNCTION_DIR = ROOT / "functions" / "webhook_whatsapp"
SECRET = "bench-app-secret"
ENV = {
    "INTAKE_QUEUE_URL": "https://sqs.ap-southeast-3.amazonaws.com/123456789012/IntakeQueue",
    "PAYLOAD_BUCKET": "bench-bucket",
    "WHATSAPP_APP_SECRET_PARAM": "/aduan/bench/whatsapp/app-secret",
    "WHATSAPP_VERIFY_TOKEN_PARAM": "/aduan/bench/whatsapp/verify-token",
    "AWS_DEFAULT_REGION": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "POWERTOOLS_SERVICE_NAME": "aduan",
    "POWERTOOLS_METRICS_NAMESPACE": "Aduan",
}
COLD_RUNS = 9
WARM_RUNS = 5000


def delivery_of(size: int) -> bytes:
    """A realistic WhatsApp text delivery padded to `size` bytes with a longer citizen message."""
    data = json.loads((ROOT / "events" / "whatsapp" / "text_urgent.json").read_text())
    message = data["entry"][0]["changes"][0]["value"]["messages"][0]
    base = message["text"]["body"]
    body = b""
    while len(body) < size:
        message["text"]["body"] += " " + base
        body = json.dumps(data, separators=(",", ":")).encode()
    return body


def warm() -> tuple[float, float, int]:
    os.environ.update(ENV)
    sys.path[:0] = [str(ROOT / "shared"), str(FUNCTION_DIR)]
    import app  # type: ignore[import-not-found]

    from aduan.channels.whatsapp.webhook import is_citizen_delivery
    from aduan.signatures import meta_signature
    from aduan.webhook import MetaWebhook

    app._webhook = MetaWebhook(
        "whatsapp",
        ENV["WHATSAPP_APP_SECRET_PARAM"],
        ENV["WHATSAPP_VERIFY_TOKEN_PARAM"],
        secrets=lambda name, force: SECRET,
        enqueue=lambda *args: "excluded",
        is_relevant=is_citizen_delivery,
    )
    for handler in app.logger.handlers:
        handler.setStream(io.StringIO())  # keep formatting cost, drop terminal I/O
    body = delivery_of(2048)
    template = json.loads((ROOT / "events" / "lambda" / "whatsapp_delivery.json").read_text())
    template["body"] = body.decode()
    template["headers"]["x-hub-signature-256"] = meta_signature(body, SECRET)

    class Context:
        function_name = "WhatsAppWebhookFunction"
        memory_limit_in_mb = 1024
        invoked_function_arn = "arn:aws:lambda:ap-southeast-3:123456789012:function:bench"
        aws_request_id = "bench"

    samples = []
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        for i in range(WARM_RUNS + 200):
            event: dict[str, Any] = dict(template)
            started = time.perf_counter()
            response = app.lambda_handler(event, Context())
            elapsed = time.perf_counter() - started
            if i >= 200:
                samples.append(elapsed)
            if response["statusCode"] != 200:
                raise SystemExit(f"unexpected response {response}")
            if i % 500 == 0:
                sink.seek(0)
                sink.truncate()
    samples.sort()
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.99)] * 1000, len(body)


def _fresh(code: str) -> float:
    env = {**os.environ, **ENV, "PYTHONPATH": f"{ROOT / 'shared'}{os.pathsep}{FUNCTION_DIR}"}
    wrapped = f"import time\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    out = subprocess.run([sys.executable, "-c", wrapped], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def cold() -> tuple[float, float]:
    floor, module = [], []
    for _ in range(COLD_RUNS):  # interleaved, so both see the same machine load
        floor.append(_fresh("import boto3\nboto3.client('sqs')"))
        module.append(_fresh("import app"))
    return statistics.median(floor) * 1000, statistics.median(module) * 1000


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--warm-only":
        median, p99, size = warm()
        print(json.dumps({"median_ms": median, "p99_ms": p99, "bytes": size}))
        return
    out = subprocess.run([sys.executable, __file__, "--warm-only"], capture_output=True, text=True, check=True)
    warm_figures = json.loads(out.stdout.strip().splitlines()[-1])
    floor, module = cold()
    print("WhatsApp webhook function")
    print(
        f"  warm handler, {warm_figures['bytes']} B delivery, queue call excluded: "
        f"median {warm_figures['median_ms']:.3f} ms, p99 {warm_figures['p99_ms']:.3f} ms "
        f"over {WARM_RUNS} runs (target: median < 1 ms)"
    )
    print(
        f"  cold import of the function module: {module:.0f} ms; floor (import boto3 + one client): {floor:.0f} ms; "
        f"ratio {module / floor:.2f} (target: <= 1.25), medians of {COLD_RUNS} fresh interpreters"
    )


if __name__ == "__main__":
    main()
