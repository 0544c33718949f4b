"""The local stack's worker pool: one invocation per execution environment, as on Lambda.

Each test writes a small handler module (the code under test is the pool, not Aduan's functions) and runs it
in real worker processes.
"""

from __future__ import annotations

import os
import textwrap
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from devstack.cfn import FunctionSpec
from devstack.runtime import WorkerPool

HANDLER = """
import os
import time

from helper import greeting  # from the layer

invocations = 0  # a module global: reused by warm invocations of one worker, never shared between workers
busy = False


def handler(event, context):
    global invocations, busy
    if busy:
        raise RuntimeError("two invocations ran at once in one worker")
    busy = True
    try:
        invocations += 1
        action = event.get("action")
        if action == "sleep":
            time.sleep(event["seconds"])
        elif action == "raise":
            raise ValueError("bad input")
        elif action == "exit":
            os._exit(3)
        elif action == "rendezvous":  # wait until `count` invocations are running at once, each in its process
            open(os.path.join(event["dir"], str(os.getpid())), "w").close()
            deadline = time.monotonic() + 20
            while len(os.listdir(event["dir"])) < event["count"] and time.monotonic() < deadline:
                time.sleep(0.01)
        return {
            "pid": os.getpid(),
            "invocations": invocations,
            "greeting": greeting(),
            "variable": os.environ.get("MY_VARIABLE"),
            "endpoint": os.environ.get("AWS_ENDPOINT_URL"),
            "function_name": os.environ.get("AWS_LAMBDA_FUNCTION_NAME"),
            "request_id": context.aws_request_id,
            "remaining_ms": context.get_remaining_time_in_millis(),
            "memory": context.memory_limit_in_mb,
            "cwd": os.getcwd(),
            "met": len(os.listdir(event["dir"])) if action == "rendezvous" else None,
        }
    finally:
        busy = False
"""


@pytest.fixture
def code(tmp_path: Path) -> tuple[Path, Path]:
    function_dir, layer_dir = tmp_path / "function", tmp_path / "layer"
    function_dir.mkdir()
    layer_dir.mkdir()
    (function_dir / "app.py").write_text(textwrap.dedent(HANDLER))
    (function_dir / "broken.py").write_text("raise ImportError('missing dependency')\n")
    (layer_dir / "helper.py").write_text("def greeting():\n    return 'halo'\n")
    return function_dir, layer_dir


def spec_for(code: tuple[Path, Path], *, handler: str = "app.handler", timeout: int = 5) -> FunctionSpec:
    function_dir, layer_dir = code
    return FunctionSpec(
        logical_id="TestFunction",
        name="TestFunction",
        arn="arn:aws:lambda:ap-southeast-3:123456789012:function:TestFunction",
        code_uri=function_dir,
        handler=handler,
        runtime="python3.11",
        timeout=timeout,
        memory_size=256,
        environment={"MY_VARIABLE": "from-template", "AWS_ENDPOINT_URL": ""},
        layers=["arn:aws:lambda:ap-southeast-3:123456789012:layer:Layer:1"],
        layer_paths=[layer_dir],
    )


@pytest.fixture
def pool(code: tuple[Path, Path]) -> Iterator[WorkerPool]:
    built = WorkerPool(spec_for(code), environment={"AWS_ENDPOINT_URL": "http://localhost:1"}, max_workers=3)
    yield built
    built.close()


def test_warm_invocations_reuse_one_worker_and_its_globals(pool: WorkerPool, code: tuple[Path, Path]) -> None:
    first = pool.invoke({}, source="test")
    second = pool.invoke({}, source="test")
    assert first.ok, first.error
    assert second.ok, second.error
    assert (first.cold, second.cold) == (True, False)
    assert first.init_ms is not None
    assert first.result["pid"] == second.result["pid"] != os.getpid()
    assert (first.result["invocations"], second.result["invocations"]) == (1, 2)
    assert pool.started == 1


def test_environment_layers_and_context(pool: WorkerPool, code: tuple[Path, Path]) -> None:
    invocation = pool.invoke({}, source="test")
    result = invocation.result
    assert result["greeting"] == "halo"
    assert result["variable"] == "from-template"
    assert result["endpoint"] == "http://localhost:1"  # the template's empty value never hides the endpoint
    assert result["function_name"] == "TestFunction"
    assert result["request_id"] == invocation.request_id
    assert 0 < result["remaining_ms"] <= 5000
    assert result["memory"] == 256
    assert result["cwd"] == str(code[0])


def test_concurrent_invocations_never_share_a_worker(pool: WorkerPool) -> None:
    with ThreadPoolExecutor(max_workers=12) as executor:
        invocations = list(
            executor.map(lambda _: pool.invoke({"action": "sleep", "seconds": 0.05}, source="test"), range(24))
        )
    assert [i.error for i in invocations if not i.ok] == []
    pids = {i.result["pid"] for i in invocations}
    assert len(pids) <= pool.max_workers
    assert pool.started == len(pids)
    assert sum(i.cold for i in invocations) == len(pids)
    assert sum(i.result["invocations"] for i in invocations if i.cold) == len(pids)  # each worker's first


def test_the_pool_scales_up_to_its_maximum(pool: WorkerPool, tmp_path: Path) -> None:
    meeting = tmp_path / "meeting"
    meeting.mkdir()
    event = {"action": "rendezvous", "dir": str(meeting), "count": pool.max_workers}
    with ThreadPoolExecutor(max_workers=pool.max_workers) as executor:
        invocations = list(executor.map(lambda _: pool.invoke(event, source="test"), range(pool.max_workers)))
    assert [i.result["met"] for i in invocations] == [pool.max_workers] * pool.max_workers
    assert len({i.result["pid"] for i in invocations}) == pool.max_workers


def test_a_handler_error_is_reported_and_the_worker_stays_warm(pool: WorkerPool) -> None:
    failed = pool.invoke({"action": "raise"}, source="test")
    assert not failed.ok
    assert failed.error_type == "ValueError"
    assert str(failed.error) == "bad input"
    after = pool.invoke({}, source="test")
    assert after.ok
    assert not after.cold


def test_a_timeout_kills_the_worker(code: tuple[Path, Path]) -> None:
    pool = WorkerPool(spec_for(code, timeout=1), environment={}, max_workers=1)
    try:
        started = time.monotonic()
        timed_out = pool.invoke({"action": "sleep", "seconds": 30}, source="test")
        assert time.monotonic() - started < 10
        assert timed_out.error_type == "Sandbox.Timedout"
        assert str(timed_out.error) == "Task timed out after 1.00 seconds"
        after = pool.invoke({}, source="test")
        assert after.ok
        assert after.cold  # a fresh environment
        assert after.result["invocations"] == 1
    finally:
        pool.close()


def test_a_worker_that_exits_is_replaced(pool: WorkerPool) -> None:
    crashed = pool.invoke({"action": "exit"}, source="test")
    assert crashed.error_type == "Runtime.ExitError"
    after = pool.invoke({}, source="test")
    assert after.ok
    assert after.cold


def test_an_import_error_is_an_init_error(code: tuple[Path, Path]) -> None:
    pool = WorkerPool(spec_for(code, handler="broken.handler"), environment={}, max_workers=1)
    try:
        invocation = pool.invoke({}, source="test")
        assert invocation.error_type == "Runtime.ImportModuleError (ImportError)"
        assert "missing dependency" in str(invocation.error)
    finally:
        pool.close()


def test_idle_workers_are_reaped(code: tuple[Path, Path]) -> None:
    pool = WorkerPool(spec_for(code), environment={}, max_workers=2, idle_timeout=0.2)
    try:
        first = pool.invoke({}, source="test")
        assert first.cold
        deadline = time.monotonic() + 10
        while pool.pids and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.pids == []
        again = pool.invoke({}, source="test")
        assert again.cold
        assert again.result["pid"] != first.result["pid"]
    finally:
        pool.close()


def test_close_stops_every_worker(code: tuple[Path, Path]) -> None:
    pool = WorkerPool(spec_for(code), environment={}, max_workers=2)
    pid = pool.invoke({}, source="test").result["pid"]
    pool.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert pool.invoke({}, source="test").error_type == "Runtime.Closed"
