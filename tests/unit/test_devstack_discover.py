"""``devstack.discover``: outbox and simulate find the running stack, or say what to pass."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.discover import (
    StackAddress,
    StackNotFoundError,
    discover,
    read_state_file,
    remove_state_file,
    write_state_file,
)


@pytest.fixture
def listening() -> Iterator[int]:
    """A port something listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield int(server.getsockname()[1])


@pytest.fixture(autouse=True)
def no_ports_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_PORT", raising=False)
    monkeypatch.delenv("AWS_PORT", raising=False)


def test_a_live_stack_is_found_by_its_state_file(tmp_path: Path, listening: int) -> None:
    url = f"http://127.0.0.1:{listening}"
    write_state_file(tmp_path, StackAddress(url, f"http://localhost:{listening}", os.getpid()))
    found = discover(tmp_path)
    assert (found.api_url, found.aws_endpoint, found.pid) == (url, f"http://localhost:{listening}", os.getpid())


def test_a_dead_stacks_state_file_is_ignored(tmp_path: Path, listening: int) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead_pid = int(finished.stdout)
    url = f"http://127.0.0.1:{listening}"
    write_state_file(tmp_path, StackAddress(url, url, dead_pid))
    assert read_state_file(tmp_path) is None


def test_environment_ports_win(tmp_path: Path, listening: int, monkeypatch: pytest.MonkeyPatch) -> None:
    write_state_file(tmp_path, StackAddress(f"http://127.0.0.1:{listening}", "http://localhost:1", os.getpid()))
    monkeypatch.setenv("API_PORT", "4321")
    assert discover(tmp_path).api_url == "http://127.0.0.1:4321"


def test_nothing_found_says_what_to_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("devstack.discover.DEFAULT_API_PORT", 1)
    monkeypatch.setattr("devstack.discover.DEFAULT_AWS_PORT", 1)
    with pytest.raises(StackNotFoundError, match=r"API_PORT=<port> AWS_PORT=<port>"):
        discover(tmp_path)


def test_a_stack_removes_only_its_own_state_file(tmp_path: Path) -> None:
    write_state_file(tmp_path, StackAddress("http://127.0.0.1:1", "http://localhost:2", 12345))
    remove_state_file(tmp_path, pid=999)
    assert json.loads((tmp_path / "stack.json").read_text())["pid"] == 12345
    remove_state_file(tmp_path, pid=12345)
    assert not (tmp_path / "stack.json").exists()
