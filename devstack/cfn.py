"""The SAM template as the local stack sees it.

``template.yaml`` (CloudFormation short tags included) is expanded into plain CloudFormation by
``samtranslator``, the SAM transform itself, offline (its bundled managed-policy map; no AWS account). What
the local stack adds on top of that output: evaluating Parameters, Conditions and intrinsic functions with
deterministic local physical names (a resource's logical id; buckets get a lower-case, stack-prefixed name),
creating the resources that have a local meaning in the embedded AWS endpoint, and modelling the functions,
their HTTP API routes (from the expanded ``AWS::ApiGatewayV2::Api``) and their event-source mappings
(``AWS::Lambda::EventSourceMapping``) for the runtime and the pollers.

``python -m devstack.cfn --env-json`` prints the ``sam local --env-vars`` file (``devstack/env.json``).
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from devstack import ACCOUNT_ID, DEFAULT_AWS_PORT, DEFAULT_REGION, REPO_ROOT, STACK_NAME, cognito

logger = logging.getLogger("devstack.cfn")

DEFAULT_TEMPLATE = REPO_ROOT / "template.yaml"

#: The S3 bucket local code paths are given to samtranslator under (it accepts only S3 URIs); the
#: expanded ``Code``/``Content`` keep the path as their key, which is how the path comes back.
LOCAL_CODE_BUCKET = "devstack-local-code"

#: Resource types the runtime, the API and the pollers model rather than creating in moto.
RUNTIME_TYPES = frozenset(
    {
        "AWS::Lambda::Function",
        "AWS::Lambda::LayerVersion",
        "AWS::Lambda::EventSourceMapping",
        "AWS::ApiGatewayV2::Api",
        "AWS::ApiGatewayV2::Stage",
    }
)

#: Resource types with no local meaning: listed as skipped at startup, never silently dropped.
SKIPPED_TYPES = frozenset(
    {
        "AWS::S3::BucketPolicy",
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::Lambda::Permission",
        "AWS::Lambda::Version",
        "AWS::Lambda::Alias",
        "AWS::Logs::LogGroup",
        "AWS::CloudWatch::Dashboard",
        # The console's hosting (devstack.console_site serves console/ with the same headers instead).
        "AWS::CloudFront::Distribution",
        "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::ResponseHeadersPolicy",
        "AWS::CloudFront::CachePolicy",
        "AWS::CloudFront::Function",
    }
)

#: Resource types that invoke a function on a schedule or an event the local stack does not drive.
NOT_DRIVEN_TYPES = frozenset({"AWS::Events::Rule", "AWS::Scheduler::Schedule"})

#: Resource types created in the embedded AWS endpoint.
CREATED_TYPES = frozenset(
    {
        "AWS::DynamoDB::Table",
        "AWS::SQS::Queue",
        "AWS::SNS::Topic",
        "AWS::SNS::Subscription",
        "AWS::S3::Bucket",
        "AWS::CloudWatch::Alarm",
        "AWS::SSM::Parameter",
        "AWS::KMS::Key",
        "AWS::KMS::Alias",
        # The officers' user pool (devstack/cognito.py).
        "AWS::Cognito::UserPool",
        "AWS::Cognito::UserPoolClient",
        "AWS::Cognito::UserPoolGroup",
    }
)

#: Explicit-name properties CloudFormation honours instead of generating a name.
NAME_PROPERTIES = {
    "AWS::DynamoDB::Table": "TableName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::CloudWatch::Alarm": "AlarmName",
    "AWS::SSM::Parameter": "Name",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::Lambda::LayerVersion": "LayerName",
    "AWS::KMS::Alias": "AliasName",
}

#: Concurrency a function gets locally when the template reserves none (Lambda's account limit is 1,000;
#: a laptop has neither the cores nor the memory: three workers per function keep two cores busy and the
#: whole stack under 1 GB).
DEFAULT_LOCAL_CONCURRENCY = 3

#: A function's ``Metadata`` may raise its local concurrency (the local stack's workers only; Lambda ignores
#: Metadata): ``Metadata: {devstack: {LocalConcurrency: 6}}``, for the stage a burst queues up in.
LOCAL_CONCURRENCY_METADATA = ("devstack", "LocalConcurrency")


class TemplateError(Exception):
    """The template cannot be understood or run locally (the message says why and where)."""


# --------------------------------------------------------------------------------------------- YAML loading


class _CfnLoader(yaml.SafeLoader):
    """A YAML loader that turns CloudFormation short tags into their long ``Fn::`` forms."""


def _construct(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    raise TemplateError(f"unsupported YAML node {node!r}")  # pragma: no cover


def _tag_constructor(fn_name: str) -> Callable[[yaml.SafeLoader, yaml.Node], Any]:
    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        value = _construct(node, loader)
        if fn_name == "Ref":
            return {"Ref": value}
        if fn_name == "Condition":
            return {"Condition": value}
        if fn_name == "Fn::GetAtt" and isinstance(value, str):
            logical_id, _, attribute = value.partition(".")
            return {"Fn::GetAtt": [logical_id, attribute]}
        return {fn_name: value}

    return construct


for _tag in ("Ref", "Condition"):
    _CfnLoader.add_constructor(f"!{_tag}", _tag_constructor(_tag))
#: Short-form tags that stand for ``Fn::<name>``.
_FN_TAGS = (
    "Sub",
    "GetAtt",
    "Join",
    "Select",
    "If",
    "Not",
    "Equals",
    "And",
    "Or",
    "Split",
    "FindInMap",
    "ImportValue",
    "Base64",
    "GetAZs",
    "Cidr",
    "Length",
    "ToJsonString",
)
for _tag in _FN_TAGS:
    _CfnLoader.add_constructor(f"!{_tag}", _tag_constructor(f"Fn::{_tag}"))


def load_template(path: Path | str = DEFAULT_TEMPLATE) -> dict[str, Any]:
    """Parse a CloudFormation/SAM template (YAML or JSON) with short-tag support."""
    with open(path, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(document, dict) or "Resources" not in document:
        raise TemplateError(f"{path}: not a CloudFormation template (no Resources section)")
    return document


# --------------------------------------------------------------------------------------------- SAM transform


def _local_uri(value: Any, what: str) -> str:
    if not isinstance(value, str) or value.startswith("s3://"):
        raise TemplateError(f"{what} must be a local directory locally, got {value!r}")
    return f"s3://{LOCAL_CODE_BUCKET}/{value}"


def sam_transform(
    template: Mapping[str, Any], parameter_values: Mapping[str, Any], *, region: str = DEFAULT_REGION
) -> dict[str, Any]:
    """Expand a SAM template into plain CloudFormation with ``samtranslator``, offline.

    Local ``CodeUri``/``ContentUri`` paths are handed over as ``s3://devstack-local-code/<path>`` and come
    back as the ``S3Key`` of the expanded ``Code``/``Content``. Managed policies named by ``Policies`` are
    looked up in samtranslator's bundled map, so no AWS account is needed. A template without the SAM
    transform is returned as is.
    """
    document = copy.deepcopy(dict(template))
    if "AWS::Serverless-2016-10-31" not in _as_list(document.get("Transform")):
        return document
    import boto3
    from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    function_globals = (document.get("Globals") or {}).get("Function") or {}
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = _local_uri(function_globals["CodeUri"], "Globals.Function.CodeUri")
    for logical_id, resource in (document.get("Resources") or {}).items():
        props = resource.get("Properties") if isinstance(resource, dict) else None
        if not isinstance(props, dict):
            continue
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in props:
            props["CodeUri"] = _local_uri(props["CodeUri"], f"function {logical_id}: CodeUri")
        elif resource.get("Type") == "AWS::Serverless::LayerVersion" and "ContentUri" in props:
            props["ContentUri"] = _local_uri(props["ContentUri"], f"layer {logical_id}: ContentUri")
    translator = Translator(
        managed_policy_map=None,
        sam_parser=Parser(),
        plugins=[],
        boto_session=boto3.session.Session(region_name=region),
    )
    try:
        expanded: dict[str, Any] = translator.translate(
            sam_template=document,
            parameter_values=dict(parameter_values),
            get_managed_policy_map=lambda: get_bundled_managed_policy_map("aws") or {},
        )
    except InvalidDocumentException as error:
        causes = "; ".join(str(cause) for cause in error.causes)
        raise TemplateError(f"the SAM transform rejected the template: {causes}") from error
    return expanded


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# --------------------------------------------------------------------------------------------- models


class _NoValue:
    """``AWS::NoValue``: removes the property or list item that resolves to it."""

    def __repr__(self) -> str:
        return "AWS::NoValue"


NO_VALUE = _NoValue()


@dataclass(frozen=True)
class HttpRoute:
    """One HTTP API route: ``method`` may be ``ANY``; ``path`` may be ``$default``."""

    function: str
    method: str
    path: str
    api_id: str

    @property
    def route_key(self) -> str:
        """The API Gateway route key, e.g. ``POST /webhooks/whatsapp`` or ``$default``."""
        return "$default" if self.path == "$default" else f"{self.method} {self.path}"


@dataclass(frozen=True)
class SqsSource:
    """One SQS event source mapping (``mapping`` is its logical id)."""

    function: str
    mapping: str
    queue_arn: str
    batch_size: int = 10
    batching_window: float = 0
    report_batch_item_failures: bool = False
    filters: tuple[dict[str, Any], ...] = ()
    enabled: bool = True


@dataclass(frozen=True)
class StreamSource:
    """One DynamoDB-stream event source mapping (``mapping`` is its logical id)."""

    function: str
    mapping: str
    stream_arn: str
    starting_position: str = "TRIM_HORIZON"
    batch_size: int = 100
    batching_window: float = 0
    maximum_retry_attempts: int = -1
    bisect_on_error: bool = False
    report_batch_item_failures: bool = False
    filters: tuple[dict[str, Any], ...] = ()
    on_failure_arn: str | None = None
    enabled: bool = True
    parallelization_factor: int = 1  # concurrent batches per shard, in order per partition key


@dataclass(frozen=True)
class UnsupportedEvent:
    """Something that would invoke a function on AWS but is not driven locally (listed at startup)."""

    function: str
    source: str
    type: str


@dataclass
class FunctionSpec:
    """An ``AWS::Lambda::Function`` of the expanded template, resolved for the local runtime."""

    logical_id: str
    name: str
    arn: str
    code_uri: Path
    handler: str
    runtime: str
    timeout: int
    memory_size: int
    environment: dict[str, str]
    layers: list[str]
    layer_paths: list[Path] = field(default_factory=list)
    reserved_concurrency: int | None = None
    local_concurrency: int | None = None
    routes: list[HttpRoute] = field(default_factory=list)
    sqs_sources: list[SqsSource] = field(default_factory=list)
    stream_sources: list[StreamSource] = field(default_factory=list)
    unsupported_events: list[UnsupportedEvent] = field(default_factory=list)

    @property
    def max_concurrency(self) -> int:
        """How many invocations may run at once: ReservedConcurrentExecutions, else the function's local
        concurrency hint (:data:`LOCAL_CONCURRENCY_METADATA`), else the local default."""
        if self.reserved_concurrency is not None:
            return self.reserved_concurrency
        if self.local_concurrency is not None:
            return self.local_concurrency
        return DEFAULT_LOCAL_CONCURRENCY


@dataclass(frozen=True)
class LayerSpec:
    """An ``AWS::Lambda::LayerVersion``: its content directory goes on ``sys.path``."""

    logical_id: str
    arn: str
    content_uri: Path


@dataclass
class CreationReport:
    """What :func:`create_resources` did, for the startup banner."""

    created: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    not_created: list[tuple[str, str]] = field(default_factory=list)  # condition false


def _is_intrinsic(value: Any) -> bool:
    return isinstance(value, Mapping) and len(value) == 1 and next(iter(value)) in _INTRINSIC_KEYS


_INTRINSIC_KEYS = frozenset({"Ref", "Condition"} | {f"Fn::{name}" for name in _FN_TAGS})

_SUB_PATTERN = re.compile(r"\$\{([^}]*)\}")


def _as_str(value: Any) -> str:
    """String form CloudFormation gives scalars (``true``, ``24``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------------------------------- the stack


class Stack:
    """A template expanded by the SAM transform and evaluated for the local stack.

    ``template`` is the SAM template as written; ``expanded`` its CloudFormation form, whose resources
    are ``resources``. Parameters, conditions, local names, Ref/GetAtt and the runtime's models are
    evaluated over the expanded form. ``endpoint_url`` is the embedded AWS endpoint (used to build queue
    URLs as moto returns them). After :func:`create_resources`, attributes that only exist once created
    (a table's ``StreamArn``, a key's id) are taken from the created resources.
    """

    def __init__(
        self,
        template: Mapping[str, Any],
        *,
        parameter_overrides: Mapping[str, str] | None = None,
        region: str = DEFAULT_REGION,
        account_id: str = ACCOUNT_ID,
        stack_name: str = STACK_NAME,
        endpoint_url: str | None = f"http://localhost:{DEFAULT_AWS_PORT}",
        base_dir: Path = REPO_ROOT,
        imports: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.region = region
        self.account_id = account_id
        self.stack_name = stack_name
        self.endpoint_url = endpoint_url.rstrip("/") if endpoint_url else None
        self.base_dir = base_dir
        self.imports = dict(imports or {})
        for logical_id, resource in (template.get("Resources") or {}).items():
            if not isinstance(resource, Mapping) or "Type" not in resource:
                raise TemplateError(f"resource {logical_id}: no Type")
        self.parameters = self._evaluate_parameters(parameter_overrides or {})
        self.expanded = sam_transform(template, {**self.parameters, **self._pseudo_values()}, region=region)
        self.resources: dict[str, dict[str, Any]] = dict(self.expanded.get("Resources") or {})
        self.mappings: dict[str, Any] = dict(self.expanded.get("Mappings") or {})
        self._condition_defs: dict[str, Any] = dict(self.expanded.get("Conditions") or {})
        self._conditions: dict[str, bool] = {}
        #: Attributes known only after creation, keyed by (logical id, attribute); "" is the Ref value.
        self.runtime_attributes: dict[tuple[str, str], str] = {}

    def _pseudo_values(self) -> dict[str, Any]:
        return {
            "AWS::Region": self.region,
            "AWS::AccountId": self.account_id,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": self.stack_name,
            "AWS::StackId": self.arn("cloudformation", f"stack/{self.stack_name}/00000000-0000-0000-0000-000000000000"),
            "AWS::NotificationARNs": [],
        }

    # ------------------------------------------------------------------ parameters and conditions

    def _evaluate_parameters(self, overrides: Mapping[str, str]) -> dict[str, Any]:  # noqa: PLR0912
        declared: Mapping[str, Any] = self.template.get("Parameters") or {}
        unknown = set(overrides) - set(declared)
        if unknown:
            raise TemplateError(f"parameter overrides for undeclared parameters: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for name, spec in declared.items():
            if name in overrides:
                raw: Any = overrides[name]
            elif "Default" in spec:
                raw = spec["Default"]
            else:
                raise TemplateError(f"parameter {name} has no Default; pass it as an override")
            text = _as_str(raw) if not isinstance(raw, list) else ",".join(_as_str(v) for v in raw)
            allowed = spec.get("AllowedValues")
            if allowed is not None and text not in [_as_str(v) for v in allowed]:
                raise TemplateError(f"parameter {name}={text!r} is not one of {allowed}")
            pattern = spec.get("AllowedPattern")
            if pattern is not None and not re.fullmatch(pattern, text):
                raise TemplateError(f"parameter {name}={text!r} does not match {pattern}")
            param_type = str(spec.get("Type", "String"))
            if param_type == "Number":
                try:
                    number = float(text)
                except ValueError as error:
                    raise TemplateError(f"parameter {name}={text!r} is not a number") from error
                if "MinValue" in spec and number < float(spec["MinValue"]):
                    raise TemplateError(f"parameter {name}={text} is below MinValue {spec['MinValue']}")
                if "MaxValue" in spec and number > float(spec["MaxValue"]):
                    raise TemplateError(f"parameter {name}={text} is above MaxValue {spec['MaxValue']}")
            if param_type.startswith("List<") or param_type == "CommaDelimitedList":
                values[name] = text.split(",") if text else []
            else:
                values[name] = text
        return values

    def condition(self, name: str) -> bool:
        """Evaluate a named condition (memoised)."""
        if name not in self._conditions:
            if name not in self._condition_defs:
                raise TemplateError(f"unknown condition {name}")
            result = self._eval_condition(self._condition_defs[name])
            self._conditions[name] = result
        return self._conditions[name]

    def _eval_condition(self, expression: Any) -> bool:
        value = self.resolve(expression)
        if not isinstance(value, bool):
            raise TemplateError(f"condition {expression!r} did not evaluate to a boolean")
        return value

    def is_active(self, logical_id: str) -> bool:
        """False when the resource has a ``Condition`` that does not hold."""
        condition = self.resources[logical_id].get("Condition")
        return True if condition is None else self.condition(condition)

    # ------------------------------------------------------------------ names, Ref, GetAtt

    def resource_type(self, logical_id: str) -> str:
        """The ``Type`` of a resource of the expanded template."""
        if logical_id not in self.resources:
            raise TemplateError(f"reference to undeclared resource {logical_id}")
        return str(self.resources[logical_id]["Type"])

    def properties(self, logical_id: str) -> dict[str, Any]:
        """A resource's properties in the expanded template, unresolved."""
        return dict(self.resources[logical_id].get("Properties") or {})

    def physical_name(self, logical_id: str) -> str:
        """The local name of a resource: its logical id (buckets: stack-prefixed, lower-case)."""
        resource_type = self.resource_type(logical_id)
        props = self.properties(logical_id)
        name_prop = NAME_PROPERTIES.get(resource_type)
        if name_prop and name_prop in props:
            return _as_str(self.resolve(props[name_prop]))
        if resource_type == "AWS::S3::Bucket":
            name = re.sub(r"[^a-z0-9-]", "-", f"{self.stack_name}-{logical_id}".lower())
            return name[:63].strip("-")
        if resource_type in ("AWS::SQS::Queue", "AWS::SNS::Topic"):
            fifo_prop = "FifoQueue" if resource_type == "AWS::SQS::Queue" else "FifoTopic"
            if _as_str(self.resolve(props.get(fifo_prop, False))) == "true":
                return f"{logical_id}.fifo"
        return logical_id

    def arn(self, service: str, resource: str, *, region: bool = True, account: bool = True) -> str:
        """Build an ARN in this stack's partition, region and account."""
        region_part = self.region if region else ""
        account_part = self.account_id if account else ""
        return f"arn:aws:{service}:{region_part}:{account_part}:{resource}"

    def queue_url(self, name: str) -> str:
        """The URL moto gives a queue reached through the embedded endpoint."""
        base = self.endpoint_url or f"https://sqs.{self.region}.amazonaws.com"
        return f"{base}/{self.account_id}/{name}"

    def api_id(self, logical_id: str) -> str:
        """A deterministic local id for an HTTP API (API Gateway ids are 10 lower-case alphanumerics)."""
        return re.sub(r"[^a-z0-9]", "", logical_id.lower())[:10] or "localapi"

    def ref(self, logical_id: str) -> Any:  # noqa: PLR0911 - one return per resource type
        """``!Ref``: parameters, pseudo parameters and resources."""
        if logical_id == "AWS::NoValue":
            return NO_VALUE
        pseudo = self._pseudo_values()
        if logical_id in pseudo:
            return pseudo[logical_id]
        if logical_id in self.parameters:
            return self.parameters[logical_id]
        known = self.runtime_attributes.get((logical_id, ""))
        if known is not None:
            return known
        resource_type = self.resource_type(logical_id)
        name = self.physical_name(logical_id)
        if resource_type == "AWS::SQS::Queue":
            return self.queue_url(name)
        if resource_type == "AWS::SNS::Topic":
            return self.arn("sns", name)
        if resource_type == "AWS::Lambda::LayerVersion":
            return self.arn("lambda", f"layer:{name}:1")
        if resource_type == "AWS::ApiGatewayV2::Api":
            return self.api_id(logical_id)
        if resource_type == "AWS::KMS::Key":
            return self._key_id(logical_id)
        if resource_type == "AWS::SNS::Subscription":
            return f"{self.resolve(self.properties(logical_id).get('TopicArn'))}:{logical_id}"
        return name

    def _key_id(self, logical_id: str) -> str:
        """A KMS key's id: moto's, once created; before that a stable stand-in (sam local, env.json)."""
        import uuid

        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.stack_name}/{logical_id}"))

    def get_att(self, logical_id: str, attribute: str) -> Any:
        """``!GetAtt`` for the resource types the stack knows."""
        known = self.runtime_attributes.get((logical_id, attribute))
        if known is not None:
            return known
        resource_type = self.resource_type(logical_id)
        name = self.physical_name(logical_id)
        attributes: dict[str, Callable[[], Any]] = {}
        if resource_type == "AWS::DynamoDB::Table":
            table_arn = self.arn("dynamodb", f"table/{name}")
            attributes = {
                "Arn": lambda: table_arn,
                # The real label is a creation timestamp, known once the table exists (runtime_attributes).
                "StreamArn": lambda: f"{table_arn}/stream/1970-01-01T00:00:00.000",
            }
        elif resource_type == "AWS::SQS::Queue":
            attributes = {
                "Arn": lambda: self.arn("sqs", name),
                "QueueName": lambda: name,
                "QueueUrl": lambda: self.ref(logical_id),
            }
        elif resource_type == "AWS::SNS::Topic":
            attributes = {"TopicName": lambda: name, "TopicArn": lambda: self.arn("sns", name)}
        elif resource_type == "AWS::S3::Bucket":
            attributes = {
                "Arn": lambda: f"arn:aws:s3:::{name}",
                "DomainName": lambda: f"{name}.s3.amazonaws.com",
                "RegionalDomainName": lambda: f"{name}.s3.{self.region}.amazonaws.com",
            }
        elif resource_type == "AWS::Lambda::Function":
            attributes = {"Arn": lambda: self.arn("lambda", f"function:{name}")}
        elif resource_type == "AWS::IAM::Role":
            attributes = {"Arn": lambda: f"arn:aws:iam::{self.account_id}:role/{name}", "RoleId": lambda: name}
        elif resource_type == "AWS::KMS::Key":
            attributes = {
                "Arn": lambda: self.arn("kms", f"key/{self.ref(logical_id)}"),
                "KeyId": lambda: self.ref(logical_id),
            }
        elif resource_type == "AWS::CloudWatch::Alarm":
            attributes = {"Arn": lambda: self.arn("cloudwatch", f"alarm:{name}")}
        elif resource_type == "AWS::ApiGatewayV2::Api":
            api_id = self.api_id(logical_id)
            attributes = {
                "ApiId": lambda: api_id,
                "ApiEndpoint": lambda: f"https://{api_id}.execute-api.{self.region}.amazonaws.com",
            }
        elif resource_type == "AWS::SSM::Parameter":
            props = self.properties(logical_id)
            attributes = {
                "Type": lambda: self.resolve(props.get("Type")),
                "Value": lambda: self.resolve(props.get("Value")),
            }
        if attribute not in attributes:
            raise TemplateError(f"!GetAtt {logical_id}.{attribute}: unsupported attribute of {resource_type}")
        return attributes[attribute]()

    # ------------------------------------------------------------------ intrinsic functions

    def resolve(self, value: Any) -> Any:
        """Resolve every intrinsic function in ``value``; ``AWS::NoValue`` entries are removed."""
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not NO_VALUE]
        if not isinstance(value, Mapping):
            return value
        if _is_intrinsic(value):
            ((name, argument),) = value.items()
            return self._intrinsic(name, argument)
        resolved = {key: self.resolve(item) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not NO_VALUE}

    def _intrinsic(self, name: str, arg: Any) -> Any:  # noqa: PLR0911, PLR0912 - a dispatch table
        if name == "Ref":
            return self.ref(arg)
        if name == "Condition":
            return self.condition(arg)
        if name == "Fn::GetAtt":
            if isinstance(arg, str):
                logical_id, _, attribute = arg.partition(".")
            else:
                logical_id, attribute = arg[0], self.resolve(arg[1])
            return self.get_att(logical_id, attribute)
        if name == "Fn::Sub":
            if isinstance(arg, list):
                text, variables = (
                    arg[0],
                    {k: self.resolve(v) for k, v in (arg[1] if len(arg) > 1 else {}).items()},
                )
            else:
                text, variables = arg, {}
            return self._sub(text, variables)
        if name == "Fn::Join":
            delimiter, items = arg
            resolved = self.resolve(items)
            return _as_str(delimiter).join(_as_str(item) for item in resolved)
        if name == "Fn::Select":
            index, items = self.resolve(arg[0]), self.resolve(arg[1])
            return items[int(index)]
        if name == "Fn::Split":
            delimiter, text = arg[0], self.resolve(arg[1])
            return str(text).split(delimiter)
        if name == "Fn::If":
            condition_name, when_true, when_false = arg
            return self.resolve(when_true if self.condition(condition_name) else when_false)
        if name == "Fn::Not":
            return not self._eval_condition(arg[0])
        if name == "Fn::Equals":
            left, right = (self.resolve(item) for item in arg)
            return _as_str(left) == _as_str(right)
        if name == "Fn::And":
            return all(self._eval_condition(item) for item in arg)
        if name == "Fn::Or":
            return any(self._eval_condition(item) for item in arg)
        if name == "Fn::FindInMap":
            map_name, first, second = (self.resolve(item) for item in arg[:3])
            try:
                return self.resolve(self.mappings[map_name][first][second])
            except KeyError as error:
                raise TemplateError(f"!FindInMap {map_name}/{first}/{second}: no such entry") from error
        if name == "Fn::ImportValue":
            export = self.resolve(arg)
            if export not in self.imports:
                raise TemplateError(f"!ImportValue {export}: no other stacks exist locally (pass imports=...)")
            return self.imports[export]
        if name == "Fn::Base64":
            return base64.b64encode(str(self.resolve(arg)).encode()).decode()
        if name == "Fn::GetAZs":
            return [f"{self.region}{zone}" for zone in "abc"]
        if name == "Fn::Length":
            return len(self.resolve(arg))
        if name == "Fn::ToJsonString":
            return json.dumps(self.resolve(arg), separators=(",", ":"))
        raise TemplateError(f"intrinsic function {name} is not supported locally")

    def _sub(self, text: str, variables: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("!"):
                return "${" + expression[1:] + "}"
            if expression in variables:
                return _as_str(variables[expression])
            if "." in expression and not expression.startswith("AWS::"):
                logical_id, _, attribute = expression.partition(".")
                return _as_str(self.get_att(logical_id, attribute))
            return _as_str(self.ref(expression))

        return _SUB_PATTERN.sub(replace, text)

    # ------------------------------------------------------------------ functions, layers, routes, mappings

    def resources_of(self, resource_type: str) -> list[str]:
        """Logical ids of active resources of one type, in template order."""
        return [
            logical_id
            for logical_id, resource in self.resources.items()
            if resource["Type"] == resource_type and self.is_active(logical_id)
        ]

    def _local_path(self, location: Any, what: str) -> Path:
        """The local directory behind an expanded ``Code``/``Content`` (see :func:`sam_transform`)."""
        location = self.resolve(location)
        if not isinstance(location, Mapping) or location.get("S3Bucket") != LOCAL_CODE_BUCKET:
            raise TemplateError(f"{what}: code must be a local directory locally, got {location!r}")
        return (self.base_dir / str(location["S3Key"])).resolve()

    def layers(self) -> list[LayerSpec]:
        """Every layer version, with its content directory."""
        return [
            LayerSpec(
                logical_id,
                self.ref(logical_id),
                self._local_path(self.properties(logical_id).get("Content"), f"layer {logical_id}"),
            )
            for logical_id in self.resources_of("AWS::Lambda::LayerVersion")
        ]

    def functions(self) -> list[FunctionSpec]:
        """Every function, with its environment, layers, routes and event-source mappings."""
        specs = [self._function(logical_id) for logical_id in self.resources_of("AWS::Lambda::Function")]
        by_name = {spec.name: spec for spec in specs}
        by_arn = {spec.arn: spec for spec in specs}
        for api in self.resources_of("AWS::ApiGatewayV2::Api"):
            for route in self._routes(api, by_arn):
                by_arn[self.get_att(route.function, "Arn")].routes.append(route)
        for mapping in self.resources_of("AWS::Lambda::EventSourceMapping"):
            self._add_mapping(mapping, by_name, by_arn)
        for resource_type in sorted(NOT_DRIVEN_TYPES):
            for logical_id in self.resources_of(resource_type):
                targets = _referenced_ids(self.properties(logical_id), [spec.logical_id for spec in specs])
                for target in sorted(targets):
                    unsupported = UnsupportedEvent(target, logical_id, resource_type)
                    next(s for s in specs if s.logical_id == target).unsupported_events.append(unsupported)
        return specs

    def function(self, logical_id: str) -> FunctionSpec:
        """One function, with its environment, layers, routes and event-source mappings."""
        for spec in self.functions():
            if spec.logical_id == logical_id:
                return spec
        raise TemplateError(f"no active function {logical_id}")

    def _function(self, logical_id: str) -> FunctionSpec:
        raw = self.properties(logical_id)
        if "Handler" not in raw:
            raise TemplateError(f"function {logical_id}: no Handler")
        variables = self.resolve((raw.get("Environment") or {}).get("Variables") or {})
        layer_arns = [str(arn) for arn in self.resolve(raw.get("Layers") or [])]
        layer_dirs = {layer.arn: layer.content_uri for layer in self.layers()}
        unknown = [arn for arn in layer_arns if arn not in layer_dirs]
        if unknown:
            raise TemplateError(f"function {logical_id}: layers {unknown} are not in this template")
        reserved = self.resolve(raw.get("ReservedConcurrentExecutions"))
        section, key = LOCAL_CONCURRENCY_METADATA
        local = ((self.resources[logical_id].get("Metadata") or {}).get(section) or {}).get(key)
        if local is not None and (not isinstance(local, int) or isinstance(local, bool) or local < 1):
            raise TemplateError(f"function {logical_id}: Metadata {section}.{key} must be a positive integer")
        return FunctionSpec(
            logical_id=logical_id,
            name=self.physical_name(logical_id),
            arn=self.get_att(logical_id, "Arn"),
            code_uri=self._local_path(raw.get("Code"), f"function {logical_id}"),
            handler=str(self.resolve(raw["Handler"])),
            runtime=str(self.resolve(raw.get("Runtime", ""))),
            timeout=int(self.resolve(raw.get("Timeout", 3))),
            memory_size=int(self.resolve(raw.get("MemorySize", 128))),
            environment={key: _as_str(value) for key, value in variables.items()},
            layers=layer_arns,
            layer_paths=[layer_dirs[arn] for arn in layer_arns],
            reserved_concurrency=None if reserved is None else int(reserved),
            local_concurrency=local,
        )

    def _routes(self, api: str, functions: Mapping[str, FunctionSpec]) -> list[HttpRoute]:
        """The routes of an expanded HTTP API: its OpenAPI ``Body`` with Lambda proxy integrations."""
        props = self.properties(api)
        if "Body" not in props:
            raise TemplateError(f"HTTP API {api}: only an inline OpenAPI Body is supported locally")
        body = self.resolve(props["Body"])
        routes = []
        for path, operations in (body.get("paths") or {}).items():
            for method, operation in operations.items():
                integration = operation.get("x-amazon-apigateway-integration") if isinstance(operation, dict) else None
                if not integration:
                    continue
                uri = str(integration.get("uri", ""))
                target = re.search(r"/functions/(arn:[^/]+)/invocations$", uri)
                if target is None or target.group(1) not in functions:
                    raise TemplateError(f"HTTP API {api}: {method} {path} integrates with {uri!r}, not a function")
                verb = "ANY" if method == "x-amazon-apigateway-any-method" else method.upper()
                routes.append(HttpRoute(functions[target.group(1)].logical_id, verb, str(path), self.api_id(api)))
        return routes

    def _add_mapping(
        self, mapping: str, by_name: Mapping[str, FunctionSpec], by_arn: Mapping[str, FunctionSpec]
    ) -> None:
        props = self.resolve(self.properties(mapping))
        target = str(props.get("FunctionName", ""))
        spec = by_arn.get(target) or by_name.get(target.rsplit(":", 1)[-1])
        if spec is None:
            raise TemplateError(f"event source mapping {mapping}: function {target!r} is not in this template")
        source_arn = str(props.get("EventSourceArn", ""))
        filters = tuple(
            json.loads(item["Pattern"]) if isinstance(item.get("Pattern"), str) else item.get("Pattern", {})
            for item in (props.get("FilterCriteria") or {}).get("Filters") or []
        )
        partial = "ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or [])
        enabled = _as_str(props.get("Enabled", True)) == "true"
        window = float(props.get("MaximumBatchingWindowInSeconds", 0))
        if source_arn.startswith("arn:aws:sqs:"):
            spec.sqs_sources.append(
                SqsSource(
                    function=spec.logical_id,
                    mapping=mapping,
                    queue_arn=source_arn,
                    batch_size=int(props.get("BatchSize", 10)),
                    batching_window=window,
                    report_batch_item_failures=partial,
                    filters=filters,
                    enabled=enabled,
                )
            )
        elif source_arn.startswith("arn:aws:dynamodb:") and "/stream/" in source_arn:
            on_failure = ((props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
            spec.stream_sources.append(
                StreamSource(
                    function=spec.logical_id,
                    mapping=mapping,
                    stream_arn=source_arn,
                    starting_position=str(props.get("StartingPosition", "TRIM_HORIZON")),
                    batch_size=int(props.get("BatchSize", 100)),
                    batching_window=window,
                    maximum_retry_attempts=int(props.get("MaximumRetryAttempts", -1)),
                    bisect_on_error=_as_str(props.get("BisectBatchOnFunctionError", False)) == "true",
                    report_batch_item_failures=partial,
                    filters=filters,
                    on_failure_arn=str(on_failure) if on_failure else None,
                    enabled=enabled,
                    parallelization_factor=int(props.get("ParallelizationFactor", 1)),
                )
            )
        else:
            spec.unsupported_events.append(UnsupportedEvent(spec.logical_id, mapping, source_arn.split(":")[2]))

    def merged_environment(
        self, functions: Iterable[FunctionSpec] | None = None, *, strict: bool = True
    ) -> dict[str, str]:
        """The union of every function's environment, for code that runs them all in one process.

        ``strict``: a name must have one value across functions (in-process invocation would otherwise
        give a function another's value); without it the first function's value is kept.
        ``AWS_ENDPOINT_URL`` is left out: the local stack sets it to the embedded endpoint.
        """
        merged: dict[str, str] = {}
        owners: dict[str, str] = {}
        for spec in functions if functions is not None else self.functions():
            for key, value in spec.environment.items():
                if key == "AWS_ENDPOINT_URL":
                    continue
                if key in merged and merged[key] != value and strict:
                    raise TemplateError(
                        f"environment variable {key} differs between {owners[key]} ({merged[key]!r}) and "
                        f"{spec.logical_id} ({value!r}); in-process invocation shares one environment"
                    )
                merged.setdefault(key, value)
                owners.setdefault(key, spec.logical_id)
        return merged

    # ------------------------------------------------------------------ sam local env-vars file

    def sam_local_value(self, value: Any) -> Any:
        """Resolve ``value`` as ``sam local`` does: a resource's Ref is its logical id; GetAtt is unknown."""
        shadow = _SamLocalStack(self)
        return shadow.resolve(value)

    def env_json(self, aws_endpoint: str = f"http://localhost:{DEFAULT_AWS_PORT}") -> dict[str, dict[str, str]]:
        """The ``sam local --env-vars`` file: the endpoint, plus every variable sam local would get wrong."""
        result: dict[str, dict[str, str]] = {"Parameters": {"AWS_ENDPOINT_URL": aws_endpoint}}
        for logical_id in self.resources_of("AWS::Lambda::Function"):
            variables = (self.properties(logical_id).get("Environment") or {}).get("Variables") or {}
            entry: dict[str, str] = {}
            if "AWS_ENDPOINT_URL" in variables:
                entry["AWS_ENDPOINT_URL"] = aws_endpoint
            for key, expression in variables.items():
                if key == "AWS_ENDPOINT_URL":
                    continue
                ours = _as_str(self.resolve(expression))
                if _as_str(self.sam_local_value(expression)) != ours:
                    entry[key] = ours
            result[logical_id] = dict(sorted(entry.items()))
        return result


class _SamLocalStack(Stack):
    """The resolution ``sam local`` applies (used only to find the variables it would resolve wrongly)."""

    _UNKNOWN = "<resolved differently by sam local>"

    def __init__(self, stack: Stack) -> None:
        self.__dict__.update(stack.__dict__)
        self.runtime_attributes = {}

    def ref(self, logical_id: str) -> Any:
        if logical_id in self.resources:
            return logical_id
        return super().ref(logical_id)

    def get_att(self, logical_id: str, attribute: str) -> Any:
        return self._UNKNOWN


# --------------------------------------------------------------------------------------------- creation


ClientFactory = Callable[[str], Any]


def _referenced_ids(value: Any, known: Iterable[str]) -> set[str]:
    """Logical ids a (raw) property tree refers to, through Ref, GetAtt or Sub."""
    names = set(known)
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, item in node.items():
                if key == "Ref" and isinstance(item, str) and item in names:
                    found.add(item)
                elif key == "Fn::GetAtt":
                    target = item.split(".")[0] if isinstance(item, str) else item[0]
                    if target in names:
                        found.add(target)
                elif key == "Fn::Sub":
                    text = item if isinstance(item, str) else item[0]
                    for expression in _SUB_PATTERN.findall(text):
                        target = expression.split(".")[0]
                        if target in names:
                            found.add(target)
                    if isinstance(item, list) and len(item) > 1:
                        walk(item[1])
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


def creation_order(stack: Stack) -> list[str]:
    """Active resources in dependency order (a dead-letter queue before the queue that redrives to it)."""
    ids = list(stack.resources)
    deps = {
        logical_id: _referenced_ids(stack.resources[logical_id].get("Properties") or {}, ids) - {logical_id}
        for logical_id in ids
    }
    for logical_id in ids:
        depends_on = stack.resources[logical_id].get("DependsOn") or []
        deps[logical_id] |= {depends_on} if isinstance(depends_on, str) else set(depends_on)
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(logical_id: str) -> None:
        if logical_id in ordered:
            return
        if logical_id in visiting:
            raise TemplateError(f"circular dependency through {logical_id}")
        visiting.add(logical_id)
        for dependency in sorted(deps[logical_id]):
            visit(dependency)
        visiting.discard(logical_id)
        ordered.append(logical_id)

    for logical_id in ids:
        visit(logical_id)
    return [logical_id for logical_id in ordered if stack.is_active(logical_id)]


def create_resources(stack: Stack, client: ClientFactory) -> CreationReport:
    """Create every active resource of the expanded template in the AWS endpoint ``client`` talks to.

    ``client(service)`` returns a boto3 client (for moto server or under ``mock_aws``). Unknown resource
    types are an error; types with no local meaning are reported as skipped.
    """
    report = CreationReport()
    for logical_id, resource in stack.resources.items():
        if not stack.is_active(logical_id):
            report.not_created.append((logical_id, str(resource["Type"])))
    unknown = sorted(
        f"{logical_id} ({resource['Type']})"
        for logical_id, resource in stack.resources.items()
        if resource["Type"] not in CREATED_TYPES | SKIPPED_TYPES | NOT_DRIVEN_TYPES | RUNTIME_TYPES
    )
    if unknown:
        raise TemplateError(f"resource types the local stack does not know: {', '.join(unknown)}")
    for logical_id in creation_order(stack):
        resource_type = str(stack.resources[logical_id]["Type"])
        if resource_type in SKIPPED_TYPES | NOT_DRIVEN_TYPES:
            report.skipped.append((logical_id, resource_type))
            continue
        if resource_type in RUNTIME_TYPES:
            continue
        props = stack.resolve(stack.resources[logical_id].get("Properties") or {})
        _CREATORS[resource_type](stack, client, logical_id, props)
        report.created.append((logical_id, resource_type))
        logger.debug("created %s (%s)", logical_id, resource_type)
    return report


def _tags(props: Mapping[str, Any]) -> list[dict[str, str]]:
    tags = props.get("Tags") or []
    if isinstance(tags, Mapping):
        return [{"Key": str(k), "Value": _as_str(v)} for k, v in tags.items()]
    return [{"Key": str(t["Key"]), "Value": _as_str(t["Value"])} for t in tags]


def _create_table(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    dynamodb = client("dynamodb")
    name = stack.physical_name(logical_id)
    kwargs: dict[str, Any] = {
        "TableName": name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props.get("BillingMode", "PROVISIONED"),
    }
    if "ProvisionedThroughput" in props:
        kwargs["ProvisionedThroughput"] = {k: int(v) for k, v in props["ProvisionedThroughput"].items()}
    elif kwargs["BillingMode"] == "PROVISIONED":
        raise TemplateError(f"table {logical_id}: PROVISIONED billing needs ProvisionedThroughput")
    for index_key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if props.get(index_key):
            kwargs[index_key] = [
                {k: v for k, v in index.items() if k != "ContributorInsightsSpecification"}
                for index in props[index_key]
            ]
    stream = props.get("StreamSpecification")
    if stream and stream.get("StreamViewType"):
        kwargs["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream["StreamViewType"]}
    sse = props.get("SSESpecification")
    if sse:
        kwargs["SSESpecification"] = {
            "Enabled": _as_str(sse.get("SSEEnabled", False)) == "true",
            **({"SSEType": sse["SSEType"]} if "SSEType" in sse else {}),
            **({"KMSMasterKeyId": sse["KMSMasterKeyId"]} if "KMSMasterKeyId" in sse else {}),
        }
    if props.get("Tags"):
        kwargs["Tags"] = _tags(props)
    if "DeletionProtectionEnabled" in props:
        kwargs["DeletionProtectionEnabled"] = _as_str(props["DeletionProtectionEnabled"]) == "true"
    description = dynamodb.create_table(**kwargs)["TableDescription"]
    stack.runtime_attributes[(logical_id, "Arn")] = description["TableArn"]
    if description.get("LatestStreamArn"):
        stack.runtime_attributes[(logical_id, "StreamArn")] = description["LatestStreamArn"]
    ttl = props.get("TimeToLiveSpecification")
    if ttl and _as_str(ttl.get("Enabled", False)) == "true":
        dynamodb.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
        )
    pitr = props.get("PointInTimeRecoverySpecification")
    if pitr and _as_str(pitr.get("PointInTimeRecoveryEnabled", False)) == "true":
        dynamodb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )


_QUEUE_ATTRIBUTES = (
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "DelaySeconds",
    "FifoQueue",
    "FifoThroughputLimit",
    "KmsDataKeyReusePeriodSeconds",
    "KmsMasterKeyId",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "SqsManagedSseEnabled",
    "VisibilityTimeout",
)


def _create_queue(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    attributes = {key: _as_str(props[key]) for key in _QUEUE_ATTRIBUTES if key in props}
    for policy in ("RedrivePolicy", "RedriveAllowPolicy"):
        if policy in props:
            value = props[policy]
            attributes[policy] = value if isinstance(value, str) else json.dumps(value)
    kwargs: dict[str, Any] = {"QueueName": stack.physical_name(logical_id), "Attributes": attributes}
    if props.get("Tags"):
        kwargs["tags"] = {tag["Key"]: tag["Value"] for tag in _tags(props)}
    url = client("sqs").create_queue(**kwargs)["QueueUrl"]
    stack.runtime_attributes[(logical_id, "")] = url


def _create_topic(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    sns = client("sns")
    attributes = {
        key: _as_str(props[key])
        for key in (
            "DisplayName",
            "KmsMasterKeyId",
            "FifoTopic",
            "ContentBasedDeduplication",
            "SignatureVersion",
        )
        if key in props
    }
    kwargs: dict[str, Any] = {"Name": stack.physical_name(logical_id), "Attributes": attributes}
    if props.get("Tags"):
        kwargs["Tags"] = _tags(props)
    arn = sns.create_topic(**kwargs)["TopicArn"]
    stack.runtime_attributes[(logical_id, "")] = arn
    for inline in props.get("Subscription") or []:
        sns.subscribe(TopicArn=arn, Protocol=inline["Protocol"], Endpoint=inline["Endpoint"])


_SUBSCRIPTION_ATTRIBUTES = (
    "DeliveryPolicy",
    "FilterPolicy",
    "FilterPolicyScope",
    "RawMessageDelivery",
    "RedrivePolicy",
)


def _create_subscription(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    attributes = {}
    for key in _SUBSCRIPTION_ATTRIBUTES:
        if key in props:
            value = props[key]
            attributes[key] = json.dumps(value) if isinstance(value, Mapping) else _as_str(value)
    response = client("sns").subscribe(
        TopicArn=props["TopicArn"],
        Protocol=props["Protocol"],
        Endpoint=props["Endpoint"],
        Attributes=attributes,
        ReturnSubscriptionArn=True,
    )
    stack.runtime_attributes[(logical_id, "")] = response["SubscriptionArn"]


def _lifecycle_rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """Translate a CloudFormation lifecycle rule into the S3 API's shape."""
    api: dict[str, Any] = {"Status": rule.get("Status", "Enabled")}
    if "Id" in rule:
        api["ID"] = rule["Id"]
    api["Filter"] = {"Prefix": rule.get("Prefix", "")}
    expiration: dict[str, Any] = {}
    if "ExpirationInDays" in rule:
        expiration["Days"] = int(rule["ExpirationInDays"])
    if "ExpirationDate" in rule:
        expiration["Date"] = rule["ExpirationDate"]
    if "ExpiredObjectDeleteMarker" in rule:
        expiration["ExpiredObjectDeleteMarker"] = _as_str(rule["ExpiredObjectDeleteMarker"]) == "true"
    if expiration:
        api["Expiration"] = expiration
    if "NoncurrentVersionExpirationInDays" in rule:
        api["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(rule["NoncurrentVersionExpirationInDays"])}
    if "AbortIncompleteMultipartUpload" in rule:
        days = int(rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"])
        api["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": days}
    return api


def _lock_config(props: Mapping[str, Any]) -> dict[str, Any]:
    """A bucket's object lock configuration (default retention mode and period) in the S3 API's shape."""
    lock = props["ObjectLockConfiguration"]
    config: dict[str, Any] = {"ObjectLockEnabled": lock.get("ObjectLockEnabled", "Enabled")}
    retention = (lock.get("Rule") or {}).get("DefaultRetention")
    if retention:
        rule: dict[str, Any] = {"Mode": retention["Mode"]}
        rule.update({k: int(retention[k]) for k in ("Days", "Years") if k in retention})
        config["Rule"] = {"DefaultRetention": rule}
    return config


def _create_bucket(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    s3 = client("s3")
    name = stack.physical_name(logical_id)
    kwargs: dict[str, Any] = {"Bucket": name}
    if stack.region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": stack.region}
    if _as_str(props.get("ObjectLockEnabled", False)) == "true":
        kwargs["ObjectLockEnabledForBucket"] = True  # turns versioning on too, as on AWS
    s3.create_bucket(**kwargs)
    encryption = props.get("BucketEncryption")
    if encryption:
        rules = []
        for rule in encryption["ServerSideEncryptionConfiguration"]:
            api_rule: dict[str, Any] = {}
            if "ServerSideEncryptionByDefault" in rule:  # CloudFormation's name for the API's Apply...
                api_rule["ApplyServerSideEncryptionByDefault"] = rule["ServerSideEncryptionByDefault"]
            if "BucketKeyEnabled" in rule:
                api_rule["BucketKeyEnabled"] = _as_str(rule["BucketKeyEnabled"]) == "true"
            rules.append(api_rule)
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    if props.get("PublicAccessBlockConfiguration"):
        block = {k: _as_str(v) == "true" for k, v in props["PublicAccessBlockConfiguration"].items()}
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=block)
    if props.get("OwnershipControls"):
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=props["OwnershipControls"])
    if props.get("VersioningConfiguration"):
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])
    if props.get("ObjectLockConfiguration"):
        s3.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration=_lock_config(props))
    lifecycle = props.get("LifecycleConfiguration")
    if lifecycle and lifecycle.get("Rules"):
        s3.put_bucket_lifecycle_configuration(
            Bucket=name,
            LifecycleConfiguration={"Rules": [_lifecycle_rule(rule) for rule in lifecycle["Rules"]]},
        )
    if props.get("Tags"):
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tags(props)})


_ALARM_KEYS = (
    "ActionsEnabled",
    "AlarmActions",
    "AlarmDescription",
    "ComparisonOperator",
    "DatapointsToAlarm",
    "Dimensions",
    "EvaluateLowSampleCountPercentile",
    "EvaluationPeriods",
    "ExtendedStatistic",
    "InsufficientDataActions",
    "MetricName",
    "Metrics",
    "Namespace",
    "OKActions",
    "Period",
    "Statistic",
    "Threshold",
    "ThresholdMetricId",
    "TreatMissingData",
    "Unit",
)


def _create_alarm(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kwargs: dict[str, Any] = {key: props[key] for key in _ALARM_KEYS if key in props}
    for key in ("EvaluationPeriods", "Period", "DatapointsToAlarm"):
        if key in kwargs:
            kwargs[key] = int(kwargs[key])
    if "Threshold" in kwargs:
        kwargs["Threshold"] = float(kwargs["Threshold"])
    if "ActionsEnabled" in kwargs:
        kwargs["ActionsEnabled"] = _as_str(kwargs["ActionsEnabled"]) == "true"
    if "Dimensions" in kwargs:
        kwargs["Dimensions"] = [{"Name": d["Name"], "Value": _as_str(d["Value"])} for d in kwargs["Dimensions"]]
    client("cloudwatch").put_metric_alarm(AlarmName=stack.physical_name(logical_id), **kwargs)


def _create_parameter(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kwargs: dict[str, Any] = {
        "Name": stack.physical_name(logical_id),
        "Value": _as_str(props["Value"]),
        "Type": props.get("Type", "String"),
        "Overwrite": True,
    }
    if "Description" in props:
        kwargs["Description"] = props["Description"]
    client("ssm").put_parameter(**kwargs)


def _create_key(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    kms = client("kms")
    kwargs: dict[str, Any] = {key: props[key] for key in ("Description", "KeyUsage", "KeySpec") if key in props}
    if "KeyPolicy" in props:
        policy = props["KeyPolicy"]
        kwargs["Policy"] = policy if isinstance(policy, str) else json.dumps(policy)
    if "MultiRegion" in props:
        kwargs["MultiRegion"] = _as_str(props["MultiRegion"]) == "true"
    if props.get("Tags"):
        kwargs["Tags"] = [{"TagKey": tag["Key"], "TagValue": tag["Value"]} for tag in _tags(props)]
    metadata = kms.create_key(**kwargs)["KeyMetadata"]
    stack.runtime_attributes[(logical_id, "")] = metadata["KeyId"]
    stack.runtime_attributes[(logical_id, "KeyId")] = metadata["KeyId"]
    stack.runtime_attributes[(logical_id, "Arn")] = metadata["Arn"]
    if _as_str(props.get("EnableKeyRotation", False)) == "true":
        kms.enable_key_rotation(KeyId=metadata["KeyId"])
    if _as_str(props.get("Enabled", True)) == "false":
        kms.disable_key(KeyId=metadata["KeyId"])


def _create_alias(stack: Stack, client: ClientFactory, logical_id: str, props: Mapping[str, Any]) -> None:
    client("kms").create_alias(AliasName=stack.physical_name(logical_id), TargetKeyId=str(props["TargetKeyId"]))


_CREATORS: dict[str, Callable[[Stack, ClientFactory, str, Mapping[str, Any]], None]] = {
    "AWS::DynamoDB::Table": _create_table,
    "AWS::SQS::Queue": _create_queue,
    "AWS::SNS::Topic": _create_topic,
    "AWS::SNS::Subscription": _create_subscription,
    "AWS::S3::Bucket": _create_bucket,
    "AWS::CloudWatch::Alarm": _create_alarm,
    "AWS::SSM::Parameter": _create_parameter,
    "AWS::KMS::Key": _create_key,
    "AWS::KMS::Alias": _create_alias,
    **cognito.CREATORS,
}


# --------------------------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """``python -m devstack.cfn --env-json``: print the sam local env-vars file."""
    parser = argparse.ArgumentParser(prog="python -m devstack.cfn", description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    parser.add_argument("--env-json", action="store_true", help="print the sam local --env-vars file")
    parser.add_argument("--aws-endpoint", default=f"http://localhost:{DEFAULT_AWS_PORT}")
    parser.add_argument("--functions", action="store_true", help="print the resolved functions and routes")
    parser.add_argument("--expanded", action="store_true", help="print the template after the SAM transform")
    args = parser.parse_args(argv)
    stack = Stack(load_template(args.template), endpoint_url=args.aws_endpoint)
    if args.env_json:
        sys.stdout.write(json.dumps(stack.env_json(args.aws_endpoint), indent=2) + "\n")
    elif args.expanded:
        sys.stdout.write(json.dumps(stack.expanded, indent=2) + "\n")
    elif args.functions:
        for spec in stack.functions():
            sys.stdout.write(f"{spec.logical_id}: {spec.code_uri} {spec.handler}\n")
            for key, value in sorted(spec.environment.items()):
                sys.stdout.write(f"    {key}={value}\n")
            for route in spec.routes:
                sys.stdout.write(f"    route {route.route_key}\n")
            for mapping in [s.mapping for s in spec.sqs_sources] + [s.mapping for s in spec.stream_sources]:
                sys.stdout.write(f"    event source {mapping}\n")
    else:
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
