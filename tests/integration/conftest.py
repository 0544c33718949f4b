"""Integration fixtures: every resource of template.yaml built in moto (`mock_aws`), handlers in-process.

The functions are loaded and driven by the local stack's own runtime and event-source pollers, so these
tests exercise the same wiring `make dev` uses, minus HTTP and threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from moto import mock_aws

from aduan import aws, config
from aduan.channels import registry
from devstack.cfn import Stack, create_resources, load_template
from devstack.moto_patches import serialize_dynamodb_writes
from devstack.pollers import SqsPoller, StreamPoller
from devstack.runtime import FunctionRuntime
from devstack.seed import local_secrets, secret_variable, seed


@dataclass
class Deployed:
    stack: Stack
    env: dict[str, str]
    runtimes: dict[str, FunctionRuntime] = field(default_factory=dict)
    pollers: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name=self.stack.region)

    def runtime(self, logical_id: str) -> FunctionRuntime:
        if logical_id not in self.runtimes:
            self.runtimes[logical_id] = FunctionRuntime(self.stack.function(logical_id))
        return self.runtimes[logical_id]

    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        # In one process, each function still sees its own environment (webhook functions share variable
        # names with different values); a handler reads it once, on its first invocation.
        spec = self.stack.function(logical_id)
        os.environ.update({k: v for k, v in spec.environment.items() if k != "AWS_ENDPOINT_URL"})
        invocation = self.runtime(logical_id).invoke(event, source="test")
        if invocation.error is not None:
            raise invocation.error
        return invocation.result

    def sqs_poller(self, logical_id: str = "NormalizerFunction") -> SqsPoller:
        [source] = self.stack.function(logical_id).sqs_sources
        return SqsPoller(
            source,
            self.runtime(logical_id),
            self.client("sqs"),
            region=self.stack.region,
            wait_seconds=0,
            retry_visibility=0,
        )

    def stream_poller(self, logical_id: str = "NotifierFunction") -> StreamPoller:
        [source] = self.stack.function(logical_id).stream_sources
        return StreamPoller(
            source,
            self.runtime(logical_id),
            self.client("dynamodbstreams"),
            region=self.stack.region,
            sqs=self.client("sqs"),
            poll_interval=0,
            retry_delay=0,
            max_retry_delay=0,
        )

    def drain(self) -> None:
        """Run the normalizer and the notifier until neither has anything left to do."""
        # One poller per source for the whole test, as one event source mapping: each keeps its position.
        sqs = self.pollers.setdefault("sqs", self.sqs_poller())
        stream = self.pollers.setdefault("stream", self.stream_poller())
        for _ in range(20):
            if sqs.poll_once() == 0 and stream.poll_once() == 0:
                return
        raise AssertionError("the event sources did not settle")

    @property
    def secrets(self) -> dict[str, str]:
        return local_secrets()

    def secrets_of(self, channel: str) -> dict[str, str]:
        """A channel's local secrets by role (as seeded)."""
        return local_secrets(channel)


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Deployed]:
    local_overrides = [
        secret_variable(channel, role) for channel in registry.names() for role in registry.webhook(channel).secrets
    ]
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", *local_overrides):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "1")
    monkeypatch.setenv("POWERTOOLS_DEV", "0")
    serialize_dynamodb_writes()
    with mock_aws():
        stack = Stack(load_template(), endpoint_url=None)
        monkeypatch.setenv("AWS_DEFAULT_REGION", stack.region)
        create_resources(stack, lambda service: boto3.client(service, region_name=stack.region))
        env = {k: v for k, v in stack.merged_environment(strict=False).items() if k != "AWS_ENDPOINT_URL"}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        aws.reset_clients()
        config.reset()
        seed(env, stack.functions())
        yield Deployed(stack, env)
        aws.reset_clients()
        config.reset()
