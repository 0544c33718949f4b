"""What an Open311 client sends: `POST requests` form parameters and `GET requests` filters, validated.

Validation errors never quote the input (`hide_input_in_errors`): it holds names, phone numbers, e-mail
addresses. Blank parameters count as absent (HTML forms send every field).
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Annotated, Any, Self
from urllib.parse import parse_qsl

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from aduan.open311.catalogue import SERVICES
from aduan.open311.errors import BadRequest, PayloadTooLarge

MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 64
MAX_IDS = 100
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def _known_service(code: str) -> str:
    if code not in SERVICES:
        raise PydanticCustomError("unknown_service_code", "service_code is not one of GET services")
    return code


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError("finite_number", "must be a finite number")
    return value


def _url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise PydanticCustomError("url", "must be an http(s) URL")
    return value


def _pattern(regex: re.Pattern[str], kind: str) -> AfterValidator:
    def check(value: str) -> str:
        if not regex.match(value):
            raise PydanticCustomError(kind, f"not a valid {kind}")
        return value

    return AfterValidator(check)


Text = Annotated[str, Field(max_length=100)]


class ServiceRequestForm(BaseModel):
    """`POST requests`: the GeoReport v2 parameters Aduan reads (`api_key` is checked before this)."""

    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True, populate_by_name=True)

    jurisdiction_id: Text | None = None
    service_code: Annotated[str, Field(max_length=40), AfterValidator(_known_service)]
    lat: Annotated[float, Field(ge=-90, le=90), AfterValidator(_finite)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180), AfterValidator(_finite)] | None = Field(None, alias="long")
    address_string: Annotated[str, Field(max_length=500)] | None = None
    address_id: Text | None = None
    description: Annotated[str, Field(max_length=4000)] | None = None  # the spec's limit
    media_url: Annotated[str, Field(max_length=2000), AfterValidator(_url)] | None = None
    email: Annotated[str, Field(max_length=254), _pattern(_EMAIL, "email")] | None = None
    first_name: Text | None = None
    last_name: Text | None = None
    phone: Annotated[str, Field(max_length=30), _pattern(_PHONE, "phone")] | None = None
    device_id: Text | None = None
    account_id: Text | None = None

    @model_validator(mode="after")
    def _location(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise PydanticCustomError("lat_and_long", "lat and long go together")
        if self.lat is None and not (self.address_string and self.address_string.strip()):
            raise PydanticCustomError("missing_location", "a location is required: lat and long, or address_string")
        return self

    def fingerprint(self) -> dict[str, Any]:
        """The parameters as given, for checking that a reused Idempotency-Key carries the same request."""
        return self.model_dump(mode="json", exclude_none=True)


class RequestQuery(BaseModel):
    """`GET requests` filters. `service_request_id` wins over the others (the spec's rule)."""

    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)

    service_request_id: tuple[str, ...] = ()
    service_code: tuple[Annotated[str, AfterValidator(_known_service)], ...] = ()
    start_date: datetime | None = None
    end_date: datetime | None = None
    status: tuple[Annotated[str, Field(pattern="^(open|closed)$")], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for name in ("service_request_id", "service_code", "status"):
                if isinstance(data.get(name), str):
                    data[name] = tuple(p.strip() for p in data[name].split(",") if p.strip())
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if len(self.service_request_id) > MAX_IDS:
            raise PydanticCustomError("too_many_ids", "at most 100 service_request_id")
        for moment in (self.start_date, self.end_date):
            if moment is not None and moment.tzinfo is None:
                raise PydanticCustomError("timezone_required", "dates need a timezone (Z or +07:00)")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise PydanticCustomError("date_order", "start_date is after end_date")
        return self


def parse_form(body: bytes) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body as parameters; blank values dropped, a parameter given
    twice refused (which one would be meant?)."""
    if len(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge("Request body over 64 KB")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("Body is not valid UTF-8 form encoding") from None
    return _unique(pairs)


def parse_query(raw: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("Query string is not valid UTF-8") from None
    return _unique(pairs)


def _unique(pairs: list[tuple[str, str]]) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            raise BadRequest(f"Parameter given more than once: {key[:40]}")
        if value.strip():
            params[key] = value.strip()
    return params


def idempotency_key(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _IDEMPOTENCY_KEY.match(value):
        raise BadRequest("Idempotency-Key must be 1 to 255 visible ASCII characters")
    return value
