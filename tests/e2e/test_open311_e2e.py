"""Open311 on the local stack over HTTP: an app report, form-encoded with the local key, becomes a triaged,
alerted ticket (an SMS in the outbox), and reads back with its Polsek and no personal data; a wrong key is 403.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest

from devstack.open311_seed import local_api_key
from tests.duty import DutyWindow
from tests.e2e.conftest import RunningStack
from tests.support import load_event

pytestmark = pytest.mark.e2e
DUTY = DutyWindow()  # the demo officers work shifts: whoever of Polsek Lowokwaru is on duty
ALERT_TIMEOUT = 120.0  # correctness, not latency: a busy machine or an earlier load test can leave a backlog


def http(
    stack: RunningStack, method: str, path: str, *, form: dict[str, str] | None = None, key: str | None = None
) -> tuple[int, Any]:
    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(f"{stack.api_url}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if key:
        request.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_an_app_report_is_triaged_alerted_and_read_back_without_personal_data(stack: RunningStack) -> None:
    api_key = local_api_key()
    marker = uuid.uuid4().hex[:6]
    sample = load_event("open311/request_urgent.json")
    report = {**sample, "api_key": api_key, "description": f"{sample['description']} (uji {marker})"}
    status, body = http(stack, "POST", "/open311/v2/requests.json", form=report, key=f"e2e-{marker}")
    assert status == 201, body
    number = body[0]["service_request_id"]
    assert number in body[0]["service_notice"] and body[0]["account_id"] is None
    # The same Idempotency-Key again: the same answer, no second ticket.
    assert http(stack, "POST", "/open311/v2/requests.json", form=report, key=f"e2e-{marker}") == (201, body)

    def alerted() -> list[dict[str, Any]]:
        return [
            s
            for s in stack.outbox()["sms"]
            if s["phone_number"] in DUTY.phone("lowokwaru") and f" {number} " in s["message"]
        ]

    [sms] = stack.wait_for(alerted, timeout=ALERT_TIMEOUT)
    assert "DARURAT" in sms["message"] and "via App" in sms["message"] and "tabrakan" in sms["message"]

    status, rows = http(stack, "GET", f"/open311/v2/requests/{number}.json?api_key={api_key}")
    assert status == 200
    [row] = rows
    assert row["service_request_id"] == number and row["status"] == "open"
    assert row["agency_responsible"] == "Polsek Lowokwaru" and row["service_code"] == "kecelakaan"
    text = json.dumps(row)
    for personal in (sample["first_name"], sample["phone"], sample["email"], "tabrakan", marker):
        assert personal not in text

    status, errors = http(stack, "GET", f"/open311/v2/requests/{number}.json?api_key=kunci-salah")
    assert (status, errors) == (403, [{"code": 403, "description": "Invalid api_key"}])
    status, errors = http(stack, "POST", "/open311/v2/requests.json", form={**report, "api_key": "kunci-salah"})
    assert status == 403 and errors[0]["code"] == 403
