"""Evidence in moto with the embedded platform endpoint's media routes: fetch -> object + audit, retries then
parked with the reason, redelivery without duplicates, size and type checks, who may see the links."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from aduan.api import evidence as evidence_api
from aduan.api import services as api_services
from aduan.channels.http import call as http_call
from aduan.domain import evidence as ev
from aduan.store import from_item, ticket_from_item
from devstack.platforms import PlatformEndpoint, load_routes
from devstack.platforms import media as platform_media
from devstack.platforms import media_samples as samples
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post
from tests.integration.test_workflow import claims
from tests.support import load_raw

PHOTO = "whatsapp/photo_plate.json"
VOICE = "whatsapp/voice_note.json"
DOCUMENT = "whatsapp/document_report.json"


class Evidence:
    def __init__(self, deployed: Deployed, endpoint: PlatformEndpoint, monkeypatch: pytest.MonkeyPatch) -> None:
        self.deployed = deployed
        self.endpoint = endpoint
        self.monkeypatch = monkeypatch

    def _local(self) -> None:
        self.monkeypatch.setenv("PLATFORM_API_BASE_URL", self.endpoint.url)

    def report(self, raw: str) -> str:
        post(self.deployed, load_raw(raw))
        self._local()
        self.deployed.drain()
        return str(self.tickets()[-1]["ticket_no"])

    def tickets(self) -> list[dict[str, Any]]:
        return sorted((i for i in self.items() if i["sk"] == "TICKET"), key=lambda i: i["created_at"])

    def items(self) -> list[dict[str, Any]]:
        raw = self.deployed.client("dynamodb").scan(TableName=self.deployed.env["TABLE_NAME"])["Items"]
        return [from_item(i) for i in raw]

    def dispatch(self) -> None:
        poller = self.deployed.pollers.setdefault("evidence", self.deployed.stream_poller("EvidenceDispatcherFunction"))
        for _ in range(20):
            if poller.poll_once() == 0:
                return
        raise AssertionError("the dispatcher did not settle")

    def fetch_once(self) -> int:
        self._local()
        poller = self.deployed.pollers.setdefault("fetcher", self.deployed.sqs_poller("MediaFetcherFunction"))
        return int(poller.poll_once())

    def fetch(self) -> None:
        self.dispatch()
        for _ in range(20):
            if self.fetch_once() == 0:
                return
        raise AssertionError("the fetcher did not settle")

    def records(self, ticket_no: str) -> list[dict[str, Any]]:
        return [i for i in self.items() if i["pk"] == f"TICKET#{ticket_no}" and i["sk"].startswith("EVIDENCE#")]

    def audit(self, ticket_no: str, event: str) -> list[dict[str, Any]]:
        return [
            i
            for i in self.items()
            if i["pk"] == f"TICKET#{ticket_no}" and i["sk"].startswith("AUDIT#") and i["event"] == event
        ]

    def versions(self, ticket_no: str) -> list[dict[str, Any]]:
        s3 = self.deployed.client("s3")
        listed = s3.list_object_versions(Bucket=self.deployed.env["EVIDENCE_BUCKET"], Prefix=f"tickets/{ticket_no}/")
        return list(listed.get("Versions", []))

    def parked(self) -> list[dict[str, Any]]:
        sqs = self.deployed.client("sqs")
        got = sqs.receive_message(
            QueueUrl=self.deployed.env["EVIDENCE_DLQ_URL"], MaxNumberOfMessages=10, MessageAttributeNames=["All"]
        )
        return list(got.get("Messages", []))

    def fault(self, host: str, path: str, status: int, count: int = -1) -> None:
        spec = {"host": host, "path": path, "method": "GET", "status": status, "count": count}
        assert http_call("POST", f"{self.endpoint.url}/_platforms/faults", json_body=spec).status == 200


@pytest.fixture
def evidence(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> Iterator[Evidence]:
    endpoint = PlatformEndpoint(port=0, routes=load_routes(("media",)))
    endpoint.start()
    monkeypatch.setenv("EVIDENCE_RETRY_BASE_SECONDS", "0")
    monkeypatch.setenv("EVIDENCE_MAX_ATTEMPTS", "3")
    api_services.reset()
    evidence_api.viewer.cache_clear()
    yield Evidence(deployed, endpoint, monkeypatch)
    endpoint.stop()
    endpoint.state.reset()


def test_a_whatsapp_photo_is_kept_hashed_and_recorded_in_the_audit_trail(evidence: Evidence) -> None:
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    data = samples.jpeg()
    digest = hashlib.sha256(data).hexdigest()
    [record] = evidence.records(ticket_no)
    assert record["status"] == "stored"
    assert (record["sha256"], record["size"], record["content_type"]) == (digest, len(data), "image/jpeg")
    assert record["type_check"] == "match" and record["platform_sha256_match"] is True
    assert record["key"] == ev.object_key(ticket_no, digest)
    s3 = evidence.deployed.client("s3")
    obj = s3.get_object(Bucket=evidence.deployed.env["EVIDENCE_BUCKET"], Key=record["key"])
    assert obj["Body"].read() == data and obj["ContentType"] == "image/jpeg"
    assert obj["ObjectLockMode"] == "GOVERNANCE"  # the bucket's default retention applies
    with pytest.raises(ClientError):  # a locked version cannot be deleted without the governance bypass
        s3.delete_object(Bucket=evidence.deployed.env["EVIDENCE_BUCKET"], Key=record["key"], VersionId=obj["VersionId"])
    [audit] = evidence.audit(ticket_no, ev.EVIDENCE_STORED)
    assert audit["details"]["sha256"] == digest and audit["details"]["size"] == len(data)
    assert audit["details"]["channel"] == "whatsapp" and audit["details"]["message_id"].startswith("wamid.")
    assert audit["details"]["received_at"]


def test_redelivered_and_refetched_jobs_make_no_second_object_or_audit_item(evidence: Evidence) -> None:
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    # The same delivery again (deduplicated by the normalizer) and the same job again (a redelivered record).
    post(evidence.deployed, load_raw(PHOTO))
    evidence.deployed.drain()
    [job] = ev.attachments(ticket_from_item(_ticket_item(evidence, ticket_no)))
    sqs = evidence.deployed.client("sqs")
    for _ in range(2):
        sqs.send_message(QueueUrl=evidence.deployed.env["EVIDENCE_QUEUE_URL"], MessageBody=job.model_dump_json())
    evidence.fetch()
    assert len(evidence.versions(ticket_no)) == 1
    assert len(evidence.records(ticket_no)) == 1
    assert len(evidence.audit(ticket_no, ev.EVIDENCE_STORED)) == 1


def test_a_crash_after_the_object_before_the_record_is_finished_by_the_retry(
    evidence: Evidence, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aduan.adapters.evidence_store import EvidenceLedger

    original = EvidenceLedger.record
    crashes = {"left": 1}

    def crash_once(self: EvidenceLedger, *args: Any, **kwargs: Any) -> bool:
        if crashes["left"]:
            crashes["left"] -= 1
            raise RuntimeError("the execution environment died")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EvidenceLedger, "record", crash_once)
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    assert crashes["left"] == 0
    assert len(evidence.versions(ticket_no)) == 1
    assert [r["status"] for r in evidence.records(ticket_no)] == ["stored"]
    assert len(evidence.audit(ticket_no, ev.EVIDENCE_STORED)) == 1


def test_a_failing_download_is_retried_then_parked_with_its_reason(evidence: Evidence) -> None:
    evidence.fault("lookaside.fbsbx.com", r"/whatsapp_business/attachments/", 503)
    ticket_no = evidence.report(VOICE)
    evidence.dispatch()
    attempts = 0
    while evidence.fetch_once():
        attempts += 1
        assert attempts <= 5
    assert attempts == 3  # EVIDENCE_MAX_ATTEMPTS
    [record] = evidence.records(ticket_no)
    assert record["status"] == "failed" and record["reason"] == "download: HTTP 503 (after 3 attempts)"
    [parked] = evidence.parked()
    assert parked["MessageAttributes"]["reason"]["StringValue"] == record["reason"]
    assert json.loads(parked["Body"])["ticket_no"] == ticket_no
    [audit] = evidence.audit(ticket_no, ev.EVIDENCE_REJECTED)
    assert audit["details"]["reason"] == record["reason"]
    assert evidence.versions(ticket_no) == []


def test_a_final_refusal_is_parked_at_once(evidence: Evidence) -> None:
    evidence.fault("lookaside.fbsbx.com", r"/whatsapp_business/attachments/", 404)
    ticket_no = evidence.report(DOCUMENT)
    evidence.dispatch()
    assert evidence.fetch_once() == 1
    [record] = evidence.records(ticket_no)
    assert (record["status"], record["reason"]) == ("failed", "download: HTTP 404")
    assert len(evidence.parked()) == 1


def test_an_oversize_file_is_cut_off_and_recorded(evidence: Evidence) -> None:
    platform_media.register("3310573926104701", samples.jpeg() + b"\x00" * (5 * ev.MB), "image/jpeg")
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    [record] = evidence.records(ticket_no)
    assert record["status"] == "too_large" and record["limit"] == 5 * ev.MB
    assert record["size_seen"] > 5 * ev.MB
    assert evidence.versions(ticket_no) == []
    assert len(evidence.audit(ticket_no, ev.EVIDENCE_REJECTED)) == 1


def test_bytes_that_contradict_the_declared_type_are_recorded_and_stored_as_what_they_are(
    evidence: Evidence,
) -> None:
    platform_media.register("3310573926104701", samples.pdf(), "image/jpeg")
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    [record] = evidence.records(ticket_no)
    assert (record["type_check"], record["declared_type"], record["content_type"]) == (
        "mismatch",
        "image/jpeg",
        "application/pdf",
    )
    assert record["platform_sha256_match"] is False  # WhatsApp declared the photo's hash, not these bytes'


def test_an_instagram_dm_image_is_fetched_from_its_cdn_url(evidence: Evidence) -> None:
    from tests.integration.test_meta_channels_flow import post as meta_post

    meta_post(evidence.deployed, "instagram", load_raw("instagram/image_attachment.json"))
    evidence._local()
    evidence.deployed.drain()
    ticket_no = evidence.tickets()[-1]["ticket_no"]
    evidence.fetch()
    [record] = evidence.records(ticket_no)
    assert (record["status"], record["channel"], record["content_type"]) == ("stored", "instagram", "image/jpeg")


def _ticket_item(evidence: Evidence, ticket_no: str) -> dict[str, Any]:
    key = {"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": "TICKET"}}
    return dict(
        evidence.deployed.client("dynamodb").get_item(TableName=evidence.deployed.env["TABLE_NAME"], Key=key)["Item"]
    )


def _api(evidence: Evidence, ticket_no: str, who: dict[str, Any]) -> tuple[int, Any]:
    from devstack.api import Router, build_http_event

    router = Router(route for spec in evidence.deployed.stack.functions() for route in spec.routes)
    path = f"/api/tickets/{ticket_no}/evidence"
    match = router.match("GET", path)
    assert match is not None
    event = build_http_event(
        method="GET", raw_path=path, raw_query="", headers=[("host", "127.0.0.1:3000")], body=b"", match=match
    )
    event["requestContext"]["authorizer"] = {"jwt": {"claims": who, "scopes": None}}
    response = evidence.deployed.invoke(match.route.function, event)
    return response["statusCode"], json.loads(response["body"])


def test_officers_who_may_read_the_ticket_get_links_others_403_and_each_view_is_audited(evidence: Evidence) -> None:
    ticket_no = evidence.report(PHOTO)
    evidence.fetch()
    area = evidence.tickets()[-1]["area"]
    assert area not in (None, "tidak_diketahui", "sukun")
    status, body = _api(evidence, ticket_no, claims(f"{area}-01", f"polsek_{area}"))
    assert status == 200
    [entry] = body["files"]
    assert entry["content_type"] == "image/jpeg" and entry["inline"] is True and entry["url_expires_in"] == 300
    assert "media_id" not in entry and "message_id" not in entry
    link = requests.get(entry["url"], timeout=10)
    assert link.status_code == 200 and link.content == samples.jpeg()
    status, body = _api(evidence, ticket_no, claims("sukun-01", "polsek_sukun"))
    assert status == 403 and "url" not in json.dumps(body)
    [viewed] = evidence.audit(ticket_no, ev.EVIDENCE_VIEWED)
    assert viewed["actor"] == f"{area}-01"
    assert viewed["details"]["files"] == [entry["sha256"]]
