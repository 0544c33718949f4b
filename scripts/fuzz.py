"""`make fuzz`: a seeded set of malformed and mixed WhatsApp deliveries against the running local stack.

Each round sends one delivery of every kind below (the oversized body only once), varied by the seed:
mixed deliveries carry a well-formed message next to a malformed sibling (a field of the wrong type, a
contact without `wa_id`, a second change with a bad value, a lone surrogate, a latitude of 91, a timestamp
in the year 3000), others are signed bodies we cannot read (`entry` or `changes` as a number, `true` or
`NaN`, nesting 5,000 levels and more, over the size limit, not UTF-8), and two are unsigned or forged.
It waits (at most `--timeout` s) until the intake queue is empty and every good message is stored, then
prints the answers by kind, the 5xx count, the good messages lost (not stored), and what was parked in
the intake dead-letter queue, by reason.

It exits 1 when a target is missed: no 5xx, no good message lost, unsigned and forged bodies answered 401
with nothing stored, and no correctly signed body answered 401. It only talks to 127.0.0.1 and stops by itself.

    python -m scripts.fuzz [--rounds 4] [--seed 1]
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import secrets
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from scripts import stack_probe
from scripts.load import ORDINARY_TEXTS, URGENT_TEXTS, meta_encode, signer, whatsapp_payload

DEDUP_PREFIX = "whatsapp#"
NO_REASON = stack_probe.NO_REASON
OVERSIZE_BYTES = 4 * 1024 * 1024 + 100_000  # above the webhook's 4 MiB limit, well below API Gateway's 10 MB


@dataclass(frozen=True)
class Case:
    """One fuzz delivery: its kind, raw body, how it is signed, and the good message ids it carries."""

    kind: str
    body: bytes
    signing: str  # "signed", "unsigned" or "forged"
    good_ids: tuple[str, ...] = ()
    bad_ids: tuple[str, ...] = ()  # the malformed sibling's id: it must be stored (flagged) or parked

    @property
    def signed(self) -> bool:
        return self.signing == "signed"


class Builder:
    """Builds the cases of one run from a seed; the same seed and run id give the same bytes."""

    def __init__(self, seed: int, run_id: str, now: int) -> None:
        self.rng = random.Random(seed)
        self.run_id = run_id
        self.now = now
        self.counter = 0

    def _id(self, label: str) -> str:
        self.counter += 1
        return f"wamid.fuzz.{self.run_id}.{self.counter}.{label}"

    def _citizen(self) -> str:
        return f"62897{self.rng.randrange(10**7):07d}"

    def _good(self) -> dict[str, object]:
        """A well-formed delivery with one good message; returns the payload (its id is in `_last_good`)."""
        self._last_good = self._id("good")
        text = self.rng.choice(URGENT_TEXTS + ORDINARY_TEXTS)
        return whatsapp_payload(self._citizen(), self._last_good, text, self.now)

    @staticmethod
    def _value(payload: dict[str, object]) -> dict[str, object]:
        return payload["entry"][0]["changes"][0]["value"]  # type: ignore[index, no-any-return]

    def _sibling(self, payload: dict[str, object], mutate: Callable[[dict[str, object]], None]) -> None:
        """Add a second message next to the good one, then `mutate` it."""
        value = self._value(payload)
        sibling = copy.deepcopy(value["messages"][0])  # type: ignore[index]
        sibling["id"] = self._last_bad = self._id("bad")
        mutate(sibling)
        value["messages"].append(sibling)  # type: ignore[attr-defined]

    def mixed(self, kind: str) -> Case:
        payload = self._good()
        value = self._value(payload)
        if kind == "wrong_field_type":
            field_name, bad = self.rng.choice(
                [("text", {"body": 12345}), ("timestamp", {"nested": True}), ("from", 6281234567), ("type", None)]
            )
            self._sibling(payload, lambda m: m.__setitem__(field_name, bad))
        elif kind == "contact_without_wa_id":
            other = self._citizen()
            value["contacts"].append({"profile": {"name": "Tanpa WA ID"}})  # type: ignore[attr-defined]
            self._sibling(payload, lambda m: m.__setitem__("from", other))
        elif kind == "second_change_bad_value":
            bad_value = self.rng.choice(["not an object", 42, None, [1, 2], {"messages": "nope"}])
            payload["entry"][0]["changes"].append({"field": "messages", "value": bad_value})  # type: ignore[index]
        elif kind == "lone_surrogate":
            surrogate = self.rng.choice(["\ud83d", "\udca9", "\ud800x"])
            self._sibling(payload, lambda m: m.__setitem__("text", {"body": f"tolong {surrogate} pak"}))
        elif kind == "bad_coordinates":
            location = {"latitude": self.rng.choice([91, -95.5, 1e9]), "longitude": 112.61, "name": "Jl. Ijen"}
            self._sibling(payload, lambda m: (m.pop("text"), m.update(type="location", location=location)))
        elif kind == "far_future_timestamp":
            self._sibling(payload, lambda m: m.__setitem__("timestamp", str(32503680000 + self.rng.randrange(10**6))))
        else:
            raise ValueError(kind)
        bad = (self._last_bad,) if kind not in ("second_change_bad_value",) else ()
        return Case(kind, meta_encode(payload), "signed", (self._last_good,), bad)

    def unreadable(self, kind: str) -> Case:
        if kind in ("entry_not_a_list", "changes_not_a_list"):
            literal = self.rng.choice(["7", "true", "NaN", "-1.5e308", '"entry"'])
            if kind == "entry_not_a_list":
                text = f'{{"object":"whatsapp_business_account","entry":{literal}}}'
            else:
                text = f'{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":{literal}}}]}}'
            return Case(kind, text.encode(), "signed")
        if kind == "deeply_nested":
            depth = 5000 + self.rng.randrange(5000)
            opener, closer = self.rng.choice([("[", "]"), ('{"a":', "}")])
            text = '{"object":"whatsapp_business_account","entry":' + opener * depth + "1" + closer * depth + "}"
            return Case(kind, text.encode(), "signed")
        if kind == "not_utf8":
            payload = self._good()
            raw = meta_encode(payload).replace(b'"text":{"body":"', b'"text":{"body":"\xff\xfe\xc3(', 1)
            return Case(kind, raw, "signed")
        if kind == "oversized":
            payload = self._good()
            self._value(payload)["padding"] = "x" * OVERSIZE_BYTES
            return Case(kind, meta_encode(payload), "signed")
        raise ValueError(kind)

    def rejected(self, signing: str) -> Case:
        payload = self._good()
        return Case(signing, meta_encode(payload), signing, (self._last_good,))


MIXED = (
    "wrong_field_type",
    "contact_without_wa_id",
    "second_change_bad_value",
    "lone_surrogate",
    "bad_coordinates",
    "far_future_timestamp",
)
UNREADABLE = ("entry_not_a_list", "changes_not_a_list", "deeply_nested", "not_utf8")


def build_cases(seed: int, rounds: int, run_id: str, now: int) -> list[Case]:
    """Every case of a run, in a seeded order: `rounds` of each kind, one oversized body."""
    builder = Builder(seed, run_id, now)
    cases = [builder.unreadable("oversized")]
    for _ in range(rounds):
        cases += [builder.mixed(kind) for kind in MIXED]
        cases += [builder.unreadable(kind) for kind in UNREADABLE]
        cases += [builder.rejected("unsigned"), builder.rejected("forged")]
    random.Random(seed).shuffle(cases)
    return cases


@dataclass
class FuzzFigures:
    statuses: dict[str, Counter[int]]
    server_errors: int
    good_lost: list[str]
    rejected_not_401: int
    signed_rejected: int  # correctly signed bodies answered 401 (they must be accepted or parked)
    rejected_stored: int
    parked: Counter[str]
    vanished: Counter[str]  # malformed siblings neither stored nor parked, by kind
    drained: bool

    def missed(self) -> list[str]:
        missed = []
        if self.server_errors:
            missed.append(f"{self.server_errors} 5xx or unanswered")
        if self.good_lost:
            missed.append(f"{len(self.good_lost)} good messages lost")
        if self.signed_rejected:
            missed.append(f"{self.signed_rejected} correctly signed bodies answered 401")
        if self.rejected_not_401 or self.rejected_stored:
            missed.append(f"{self.rejected_not_401} unsigned/forged not 401, {self.rejected_stored} of them stored")
        if self.vanished:
            missed.append(f"{sum(self.vanished.values())} malformed messages neither stored nor parked")
        if self.parked.get(NO_REASON):
            missed.append(f"{self.parked[NO_REASON]} parked without a reason")
        if not self.drained:
            missed.append("the stack did not drain in time")
        return missed


def reason_label(reason: str) -> str:
    """A reason without the numbers that vary between cases (sizes, depths, offsets)."""
    return re.sub(r"\d+", "N", reason)[:100]


def evaluate(
    cases: list[Case],
    statuses: list[int],
    stored_keys: set[str],
    parked: list[stack_probe.Parked],
    drained: bool,
) -> FuzzFigures:
    """The figures of a run from the answers and what the stack holds (pure)."""
    by_kind: dict[str, Counter[int]] = defaultdict(Counter)
    for case, status in zip(cases, statuses, strict=True):
        by_kind[case.kind][status] += 1
    good = [m for case in cases if case.signed for m in case.good_ids]
    rejected = [(case, status) for case, status in zip(cases, statuses, strict=True) if not case.signed]
    return FuzzFigures(
        statuses=dict(by_kind),
        server_errors=sum(1 for status in statuses if status >= 500 or status == 0),
        good_lost=[m for m in good if f"{DEDUP_PREFIX}{m}" not in stored_keys],
        rejected_not_401=sum(1 for _, status in rejected if status != 401),
        signed_rejected=sum(1 for case, status in zip(cases, statuses, strict=True) if case.signed and status == 401),
        rejected_stored=sum(1 for case, _ in rejected for m in case.good_ids if f"{DEDUP_PREFIX}{m}" in stored_keys),
        parked=Counter(reason_label(p.reason) for p in parked),
        vanished=Counter(
            case.kind
            for case in cases
            for m in case.bad_ids
            if f"{DEDUP_PREFIX}{m}" not in stored_keys and not any(m in p.body for p in parked)
        ),
        drained=drained,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4, help="deliveries of each kind (default 4, at most 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=180.0, help="longest wait for the drain, in s")
    parser.add_argument("--api-port", type=int)
    parser.add_argument("--aws-port", type=int)
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 50:
        parser.error("--rounds 1..50")
    try:
        endpoints = stack_probe.find_endpoints(args.api_port, args.aws_port)
    except stack_probe.StackNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    path, sign = signer("whatsapp")
    url = f"{endpoints.api_url}{path}"
    reader = stack_probe.StackReader(endpoints)
    run_id = f"{int(time.time())}{secrets.token_hex(2)}"
    since = time.time() - 1
    cases = build_cases(args.seed, args.rounds, run_id, int(time.time()))
    print(f"sending {len(cases)} fuzz deliveries to {url} ...", flush=True)
    statuses = []
    for case in cases:
        if case.signing == "signed":
            headers = sign(case.body)
        elif case.signing == "forged":
            headers = {"X-Hub-Signature-256": "sha256=" + secrets.token_hex(32)}
        else:
            headers = {}
        statuses.append(stack_probe.post(url, case.body, headers, timeout=60))
    good = [f"{DEDUP_PREFIX}{m}" for case in cases if case.signed for m in case.good_ids]
    print(f"sent; waiting for the stack to drain (at most {args.timeout:.0f} s) ...", flush=True)
    drained = stack_probe.wait_until(
        lambda: reader.backlog() == 0 and set(good) <= set(reader.stored_among(good)), args.timeout, interval=1.0
    )
    figures = evaluate(cases, statuses, reader.stored_message_keys(), reader.parked(since), drained)

    print(f"fuzz: {len(cases)} deliveries, seed {args.seed}, {args.rounds} rounds")
    for kind in sorted(figures.statuses):
        answers = ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(figures.statuses[kind].items()))
        print(f"  {kind:<26} {answers}")
    print(f"  5xx                        {figures.server_errors}")
    print(f"  good messages lost         {len(figures.good_lost)} of {len(good)}")
    print(f"  unsigned/forged            {figures.rejected_not_401} not answered 401, {figures.rejected_stored} stored")
    print(f"  signed, answered 401       {figures.signed_rejected}")
    print(f"  parked                     {sum(figures.parked.values())}")
    for reason, n in figures.parked.most_common():
        print(f"    {n:4d}  {reason}")
    for kind, n in sorted(figures.vanished.items()):
        print(f"  vanished ({kind}) {n}: the malformed message was neither stored nor parked")
    missed = figures.missed()
    print("targets: " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
