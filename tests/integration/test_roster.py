"""`/api/roster` in-process against moto: roster items, the user pool kept in step, the audit, the gate."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from aduan.adapters.roster_store import RosterAdmin
from aduan.adapters.workflow_store import WorkflowStore
from aduan.api import services as api_services
from aduan.domain.access import Principal
from aduan.services import settings as workflow_settings
from aduan.services.roster import RosterService
from aduan.store import RosterStore
from devstack.api import Router, build_http_event
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post, sms_sent
from tests.support import load_raw

DUTY = DutyWindow()
COMMANDER = {"username": "pawas-siang", "cognito:groups": "[piket pimpinan]", "client_id": "local"}
PIKET = {"username": "polresta-01", "cognito:groups": "[piket]", "client_id": "local"}
NEWCOMER = {
    "officer_id": "sukun-03",
    "name": "Briptu Nadia Putri",
    "rank": "Briptu",
    "unit": "sukun",
    "phone": "+6281299900503",
    "email": "nadia.sukun@polresta-malangkota.example",
    "shifts": [{"days": [0, 1, 2, 3, 4], "start": "07:00", "end": "15:00"}],
}


@pytest.fixture(autouse=True)
def fresh_services() -> Any:
    workflow_settings.reset()
    api_services.reset()
    yield
    workflow_settings.reset()
    api_services.reset()


def call(deployed: Deployed, method: str, path: str, who: dict[str, Any] | None = None, body: Any = None) -> Any:
    router = Router(route for spec in deployed.stack.functions() for route in spec.routes)
    match = router.match(method, path)
    assert match is not None, f"no route for {method} {path}"
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query="",
        headers=[("host", "127.0.0.1:3000"), ("content-type", "application/json")],
        body=b"" if body is None else json.dumps(body).encode(),
        match=match,
    )
    if who is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": who, "scopes": None}}
    response = deployed.invoke(match.route.function, event)
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def pool(deployed: Deployed) -> tuple[Any, str]:
    idp = deployed.client("cognito-idp")
    [officers] = [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"] if p["Name"].endswith("-officers")]
    return idp, officers


def groups(deployed: Deployed, username: str) -> set[str]:
    idp, pool_id = pool(deployed)
    return {g["GroupName"] for g in idp.admin_list_groups_for_user(UserPoolId=pool_id, Username=username)["Groups"]}


def test_only_pimpinan_manage_the_roster(deployed: Deployed) -> None:
    assert call(deployed, "GET", "/api/roster")[0] == 401
    status, body = call(deployed, "GET", "/api/roster", who=PIKET)
    assert (status, body["error"]) == (403, "forbidden")
    assert call(deployed, "POST", "/api/roster", who=PIKET, body=NEWCOMER)[0] == 403
    status, body = call(deployed, "GET", "/api/roster", who=COMMANDER)
    assert status == 200
    listed = {o["officer_id"]: o for o in body["officers"]}
    assert {"lowokwaru-01", "lowokwaru-02", "lowokwaru-kapolsek", "pawas-malam"} <= set(listed)
    assert listed["lowokwaru-kapolsek"]["role"] == "supervisor"
    assert listed["lowokwaru-kapolsek"]["groups"] == ["pimpinan", "polsek_lowokwaru"]


def test_bad_bodies_are_400_naming_the_field(deployed: Deployed) -> None:
    status, body = call(deployed, "POST", "/api/roster", who=COMMANDER, body={**NEWCOMER, "phone": "0812"})
    assert status == 400 and [f["field"] for f in body["fields"]] == ["phone"]
    status, body = call(
        deployed,
        "POST",
        "/api/roster",
        who=COMMANDER,
        body={**NEWCOMER, "shifts": [{"start": "25:00", "end": "07:00"}]},
    )
    assert status == 400 and [f["field"] for f in body["fields"]] == ["shifts.0.start"]
    status, body = call(deployed, "POST", "/api/roster", who=COMMANDER, body={**NEWCOMER, "role": "commander"})
    assert (status, body["error"], body["details"]["field"]) == (400, "commander_outside_polresta", "unit")
    status, body = call(deployed, "PATCH", "/api/roster/sukun-01", who=COMMANDER, body={"unit": "mars"})
    assert status == 400 and [f["field"] for f in body["fields"]] == ["unit"]
    assert call(deployed, "PATCH", "/api/roster/nobody-01", who=COMMANDER, body={"rank": "Bripka"})[0] == 404


def test_adding_changing_and_disabling_keep_the_pool_in_step(deployed: Deployed) -> None:
    table = deployed.env["TABLE_NAME"]
    status, added = call(deployed, "POST", "/api/roster", who=COMMANDER, body=NEWCOMER)
    assert status == 201 and added["account"]["created"] and added["version"] == 1
    assert added["unit_name"] == "Polsek Sukun"
    assert groups(deployed, "sukun-03") == {"polsek_sukun"}
    assert "sukun-03" in {o.officer_id for o in RosterStore(table).officers("sukun")}  # the notifier sees it
    # A retried POST changes nothing; the same id with other data is a conflict.
    assert call(deployed, "POST", "/api/roster", who=COMMANDER, body=NEWCOMER)[0] == 200
    status, body = call(deployed, "POST", "/api/roster", who=COMMANDER, body={**NEWCOMER, "name": "Orang Lain"})
    assert (status, body["error"]) == (409, "officer_exists")

    status, moved = call(deployed, "PATCH", "/api/roster/sukun-03", who=COMMANDER, body={"unit": "klojen"})
    assert status == 200 and moved["unit_name"] == "Polsek Klojen" and moved["version"] == 2
    assert moved["account"]["groups_added"] == ["polsek_klojen"] and moved["account"]["groups_removed"] == [
        "polsek_sukun"
    ]
    assert "sukun-03" not in {o.officer_id for o in RosterStore(table).officers("sukun")}
    assert "sukun-03" in {o.officer_id for o in RosterStore(table).officers("klojen")}

    status, promoted = call(deployed, "PATCH", "/api/roster/sukun-03", who=COMMANDER, body={"role": "supervisor"})
    assert status == 200 and groups(deployed, "sukun-03") == {"polsek_klojen", "pimpinan"}
    assert promoted["account"]["mfa"] == "awaiting_enrolment"  # pimpinan: an authenticator is required
    assert "sukun-03" in {o.officer_id for o in WorkflowStore(table).ladder("klojen", "supervisor")}
    assert "sukun-03" not in {o.officer_id for o in RosterStore(table).officers("klojen")}

    status, gone = call(deployed, "DELETE", "/api/roster/sukun-03", who=COMMANDER)
    assert status == 200 and gone["active"] is False and gone["account"]["signed_out"]
    idp, pool_id = pool(deployed)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="sukun-03")["Enabled"] is False
    [entry] = [o for o in WorkflowStore(table).ladder("klojen", "supervisor") if o.officer_id == "sukun-03"]
    assert entry.active is False

    status, shown = call(deployed, "GET", "/api/roster/sukun-03", who=COMMANDER)
    trail = [(a["event"], a["actor"]) for a in shown["audit"]]
    assert trail == [
        ("roster.added", "pawas-siang"),
        ("roster.changed", "pawas-siang"),
        ("roster.changed", "pawas-siang"),
        ("roster.disabled", "pawas-siang"),
    ]
    assert shown["audit"][1]["details"] == {
        "fields": ["unit", "unit_name"],
        "from": {"unit": "sukun"},
        "to": {"unit": "klojen"},
    }
    assert "+62812" not in json.dumps(shown["audit"])  # contact details are named, never copied


def test_a_disabled_officer_is_refused_and_alerted_no_more_at_once(deployed: Deployed) -> None:
    lowokwaru = {"username": "lowokwaru-01", "cognito:groups": "[polsek_lowokwaru]", "client_id": "local"}
    assert call(deployed, "GET", "/api/tickets", who=lowokwaru)[0] == 200
    for officer in ("lowokwaru-01", "lowokwaru-02"):
        assert call(deployed, "DELETE", f"/api/roster/{officer}", who=COMMANDER)[0] == 200
    status, body = call(deployed, "GET", "/api/tickets", who=lowokwaru)  # the token is still unexpired
    assert (status, body["error"]) == (403, "account_disabled")
    # every router of the officer API runs the same gate, before it looks at the ticket or incident
    for method, path, payload in (
        ("GET", "/api/overview", None),
        ("GET", "/api/tickets/K7M-4QX/evidence", None),
        ("POST", "/api/tickets/K7M-4QX/reply", {"text": "Kami sedang menuju lokasi"}),
        ("GET", "/api/incidents/IN-0000000000", None),
    ):
        status, body = call(deployed, method, path, who=lowokwaru, body=payload)
        assert (status, body["error"]) == (403, "account_disabled"), path

    post(deployed, load_raw("whatsapp/text_urgent.json"))  # an emergency in Lowokwaru
    deployed.drain()
    phones = {phone for phone, _ in sms_sent(deployed)}
    assert not phones & {"+6281299900401", "+6281299900402"}
    assert phones & DUTY.phone("polresta")  # the duty desk instead

    assert call(deployed, "PATCH", "/api/roster/lowokwaru-01", who=COMMANDER, body={"active": True})[0] == 200
    idp, pool_id = pool(deployed)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="lowokwaru-01")["Enabled"] is True
    assert call(deployed, "GET", "/api/tickets", who=lowokwaru)[0] == 200


def test_mfa_groups_need_an_enrolled_authenticator(deployed: Deployed) -> None:
    # The demo supervisors registered one (as the seed does for ppa, propam and pimpinan members).
    kapolsek = {"username": "lowokwaru-kapolsek", "cognito:groups": "[polsek_lowokwaru pimpinan]"}
    assert call(deployed, "GET", "/api/tickets", who=kapolsek)[0] == 200
    body = {**NEWCOMER, "officer_id": "sukun-kanit", "role": "supervisor"}
    assert call(deployed, "POST", "/api/roster", who=COMMANDER, body=body)[0] == 201
    newcomer = {"username": "sukun-kanit", "cognito:groups": "[pimpinan polsek_sukun]"}
    status, refused = call(deployed, "GET", "/api/tickets", who=newcomer)
    assert (status, refused["error"]) == (403, "mfa_required")
    officer = {"username": "sukun-01", "cognito:groups": "[polsek_sukun]"}
    assert call(deployed, "GET", "/api/tickets", who=officer)[0] == 200  # no MFA needed


def test_concurrent_changes_both_apply_one_after_the_other(deployed: Deployed) -> None:
    # At the service (one Lambda environment never runs two requests at once; in one test process the API's
    # resolver would share its current event between threads).
    table = deployed.env["TABLE_NAME"]
    leader = Principal("pawas-siang", frozenset({"piket", "pimpinan"}))
    changes = [{"rank": "Aipda"}, {"shifts": [{"days": [5, 6], "start": "19:00", "end": "07:00"}]}]
    barrier = threading.Barrier(2)

    def change(update: dict[str, Any]) -> bool:
        service = RosterService(RosterAdmin(table), api_services.roster().accounts, frozenset())
        original = service.admin.get

        def read_then_wait(officer_id: str) -> Any:
            entry = original(officer_id)
            if barrier.n_waiting < 2 and not getattr(read_then_wait, "done", False):
                read_then_wait.done = True  # type: ignore[attr-defined]
                barrier.wait(timeout=30)  # both read version 1 before either writes
            return entry

        service.admin.get = read_then_wait  # type: ignore[method-assign]
        return service.change(leader, "sukun-02", update).changed

    with ThreadPoolExecutor(2) as workers:
        assert list(workers.map(change, changes)) == [True, True]
    entry = RosterAdmin(table).get("sukun-02")
    assert entry is not None and entry.version == 3 and entry.officer.rank == "Aipda"
    assert entry.officer.shifts[0].days == (5, 6)
    assert [a["event"] for a in RosterAdmin(table).audit_trail("sukun-02")] == ["roster.changed", "roster.changed"]
