"""`make load`: a bounded, seeded load against the running local stack (`make dev`), then its figures.

Default: 1,000 signed WhatsApp deliveries (one message each) from 200 citizens in 10 s, a third of them
urgent reports, a fifth of them delivered a second time (half of those at the same moment as the first,
half a little later), as a platform does. Then it waits, at most `--timeout` seconds, for a positive sign
that the stack has drained: every accepted message stored (or parked with a reason) and the intake queue
empty; then two marker reports, one after the other's SMS, prove the notifier has passed every earlier
ticket (see `marker_seen`). It prints:

    accepted, stored, tickets, SMS, lost (accepted but never stored or parked), doubled (a message in two
    tickets or twice in one; an SMS repeated to one officer for one ticket and priority), time to drain
    after the last POST, alert latency p50/p95 from the POST of a ticket's first urgent message to its first
    SMS, and the stack's peak memory (its process and every child, sampled twice a second from /proc: the sum
    of their PSS, in which a page shared by n processes counts 1/n in each, and the RSS sum for reference).

It exits 1 when a target is missed: 0 lost, 0 doubled, 0 5xx; drained within 60 s of the last POST;
alert p95 under 2 s; memory under 1 GB. It only talks to 127.0.0.1 and stops by itself.

    python -m scripts.load [--count 1000] [--citizens 200] [--rate 100] [--seed 1] [--channel whatsapp]
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from scripts import stack_probe
from scripts.stack_probe import TicketView

URGENT_TEXTS = (
    "TOLONG ada begal bawa celurit di jl soekarno hatta dekat kampus, korban luka bacok berdarah sekarang!!",
    "Tolong pak!! ada tabrakan motor sama truk di jl sumbersari dekat kampus UB, korbannya berdarah gak sadar",
    "kebakaran rumah di tlogomas, masih ada orang terjebak di dalam, tolong cepat kirim bantuan",
    "pak barusan ada jambret di alun alun, ibu ibu jatuh kepalanya berdarah, pelaku lari ke arah kauman",
    "tolong ada orang dikeroyok pakai senjata tajam di pasar besar sekarang, korban sudah tidak bergerak",
)
ORDINARY_TEXTS = (
    "pak lampu lalu lintas di perempatan jl ijen mati dari kemarin",
    "mau tanya cara lapor kehilangan ktp di polsek klojen",
    "ada parkir liar di depan toko di jl kawi, bikin macet tiap sore",
    "suara knalpot brong tiap malam di jl bandung, mengganggu warga",
    "terima kasih pak atas bantuannya kemarin, motor saya sudah ketemu",
)

TARGETS = {"drain_s": 60.0, "alert_p95_s": 2.0, "memory_bytes": 1024**3}


# --------------------------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Planned:
    """One POST of the load: a delivery (or a redelivery of one) at `offset` seconds from the start."""

    index: int  # the delivery's index; a redelivery has its original's
    citizen: str
    message_id: str
    text: str
    urgent: bool
    offset: float
    redelivery: bool = False


def plan_load(
    count: int,
    citizens: int,
    duration: float,
    seed: int,
    *,
    run_id: str,
    urgent_share: float = 1 / 3,
    redeliver_share: float = 1 / 5,
) -> list[Planned]:
    """The POSTs of one run, ordered by time: the same inputs give the same plan.

    Each delivery carries one message from one of `citizens` seeded phone numbers; `urgent_share` of them
    are urgent reports; `redeliver_share` of them are sent twice (half at the same moment, half 0.2-2 s
    later, still within `duration`).
    """
    rng = random.Random(seed)
    # New citizens every run (their messages must not join an earlier run's tickets), the same for a run id.
    phone_rng = random.Random(f"{seed}:{run_id}")
    phones = [f"62899{n:07d}" for n in phone_rng.sample(range(10**7), citizens)]
    urgent = set(rng.sample(range(count), round(count * urgent_share)))
    redelivered = rng.sample(range(count), round(count * redeliver_share))
    concurrent = set(redelivered[: len(redelivered) // 2])
    plan = []
    for index in range(count):
        is_urgent = index in urgent
        text = rng.choice(URGENT_TEXTS if is_urgent else ORDINARY_TEXTS)
        plan.append(
            Planned(
                index=index,
                citizen=phones[index % citizens] if index < citizens else rng.choice(phones),
                message_id=f"wamid.load.{run_id}.{index}",
                text=f"{text} ({index})",
                urgent=is_urgent,
                offset=round(duration * index / count, 4),
            )
        )
    for index in redelivered:
        original = plan[index]
        delay = 0.0 if index in concurrent else rng.uniform(0.2, 2.0)
        offset = min(original.offset + delay, duration)
        plan.append(replace(original, offset=round(offset, 4), redelivery=True))
    return sorted(plan, key=lambda p: (p.offset, p.index, p.redelivery))


# --------------------------------------------------------------------------------------------- channels


@dataclass(frozen=True)
class ChannelLoad:
    """How to write one planned message as `name`'s platform would deliver it.

    A new channel adds an entry to `CHANNELS` with its `body` builder; signing, the webhook path and the
    local secret come from the channel's package (`aduan.channels.registry`) and `devstack.seed`.
    """

    name: str
    body: Callable[[Planned, int], bytes]  # (planned message, Unix timestamp) -> raw body
    dedup_prefix: str  # the stored message's dedup key is "<dedup_prefix><message id>"


def whatsapp_payload(citizen: str, message_id: str, text: str, timestamp: int) -> dict[str, Any]:
    """A WhatsApp Cloud API delivery with one text message."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "109876543210001",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "6281100110110", "phone_number_id": "123456789012345"},
                            "contacts": [{"profile": {"name": "Warga Uji Beban"}, "wa_id": citizen}],
                            "messages": [
                                {
                                    "from": citizen,
                                    "id": message_id,
                                    "timestamp": str(timestamp),
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def meta_encode(payload: Any) -> bytes:
    """Serialised as Meta does: compact JSON, non-ASCII escaped (these are the bytes that are signed)."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def whatsapp_body(planned: Planned, timestamp: int) -> bytes:
    """The raw body of a planned WhatsApp delivery."""
    return meta_encode(whatsapp_payload(planned.citizen, planned.message_id, planned.text, timestamp))


CHANNELS: dict[str, ChannelLoad] = {
    "whatsapp": ChannelLoad("whatsapp", whatsapp_body, "whatsapp#"),
}


def signer(channel: str) -> tuple[str, Callable[[bytes], dict[str, str]]]:
    """The channel's webhook path and a function giving the headers its platform signs a body with."""
    from aduan.channels import registry
    from devstack.seed import local_secrets

    spec = registry.webhook(channel)
    if spec.sign is None:
        raise LookupError(f"channel {channel} has no sign() helper")
    secret = local_secrets(channel)["signing_secret"]
    sign = spec.sign
    return spec.path, lambda body: sign(body, secret, time.time())


# --------------------------------------------------------------------------------------------- accounting


@dataclass
class Figures:
    """What one run measured."""

    posts: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    accepted: int = 0
    stored: int = 0
    parked: int = 0
    lost: int = 0
    tickets: int = 0
    sms: int = 0
    doubled_tickets: int = 0
    doubled_sms: int = 0
    latencies: list[float] = field(default_factory=list)
    send_s: float = 0.0  # first POST to last POST
    drained: bool = False
    drain_s: float | None = None
    peak_memory: int = 0  # PSS summed over the stack's processes
    peak_rss: int = 0  # RSS summed (pages shared with the fork server counted once per process)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500 or status == 0)


def accepted_at(responses: Iterable[tuple[Planned, int, float]]) -> dict[str, float]:
    """Message id -> time of its first POST answered 200 (the moment the platform would stop resending)."""
    first: dict[str, float] = {}
    for planned, status, at in responses:
        if status == 200 and (planned.message_id not in first or at < first[planned.message_id]):
            first[planned.message_id] = at
    return first


def doubled_tickets(tickets: Iterable[TicketView], ours: set[str]) -> int:
    """Copies beyond the first of any of our messages across tickets (a message in two tickets, or twice)."""
    seen = Counter(m for ticket in tickets for m in ticket.message_ids if m in ours)
    return sum(n - 1 for n in seen.values() if n > 1)


def doubled_sms(sms: Iterable[tuple[str, str]], ticket_nos: set[str]) -> int:
    """SMS beyond the first to one phone for one ticket and one priority (an officer gets at most one)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for phone, text in sms:
        key = stack_probe.sms_key(text)
        if key and key[1] in ticket_nos:
            counts[(phone, key[1], key[0])] += 1
    return sum(n - 1 for n in counts.values() if n > 1)


def alert_latencies(tickets: Iterable[TicketView], posted: Mapping[str, float], urgent: set[str]) -> list[float]:
    """Per ticket with an SMS: its first SMS minus the POST of its first urgent message sent before it.

    A ticket whose SMS came before any urgent message of ours (a report triaged urgent although it was
    not written as one) is measured from its first message instead.
    """
    latencies = []
    for ticket in tickets:
        if not ticket.sms_at:
            continue
        first_sms = min(ticket.sms_at)
        sent = [(posted[m], m in urgent) for m in ticket.message_ids if m in posted and posted[m] <= first_sms]
        if not sent:
            continue
        urgent_times = [at for at, is_urgent in sent if is_urgent]
        start = min(urgent_times) if urgent_times else min(at for at, _ in sent)
        latencies.append(first_sms - start)
    return latencies


def account(
    figures: Figures,
    *,
    accepted: Mapping[str, float],
    stored_keys: set[str],
    parked_ids: set[str],
    tickets: Sequence[TicketView],
    sms: Sequence[tuple[str, str]],
    urgent: set[str],
    dedup_prefix: str,
) -> Figures:
    """Fill in the figures from what was accepted and what the stack holds."""
    ours = set(accepted)
    stored = {m for m in ours if f"{dedup_prefix}{m}" in stored_keys}
    parked = (ours - stored) & parked_ids
    our_tickets = [t for t in tickets if ours & set(t.message_ids)]
    ticket_nos = {t.ticket_no for t in our_tickets}
    figures.accepted = len(ours)
    figures.stored = len(stored)
    figures.parked = len(parked)
    figures.lost = len(ours - stored - parked)
    figures.tickets = len(our_tickets)
    figures.sms = sum(1 for _, text in sms if (key := stack_probe.sms_key(text)) and key[1] in ticket_nos)
    figures.doubled_tickets = doubled_tickets(our_tickets, ours)
    figures.doubled_sms = doubled_sms(sms, ticket_nos)
    figures.latencies = alert_latencies(our_tickets, accepted, urgent & ours)
    return figures


def missed_targets(figures: Figures) -> list[str]:
    """The targets this run missed, in words."""
    missed = []
    if figures.lost:
        missed.append(f"{figures.lost} lost" if figures.drained else f"{figures.lost} neither stored nor parked yet")
    if figures.doubled_tickets or figures.doubled_sms:
        missed.append(f"{figures.doubled_tickets + figures.doubled_sms} doubled")
    if figures.server_errors:
        missed.append(f"{figures.server_errors} 5xx or unanswered")
    if not figures.drained or figures.drain_s is None or figures.drain_s > TARGETS["drain_s"]:
        missed.append(f"not drained within {TARGETS['drain_s']:.0f} s of the last POST")
    p95 = stack_probe.percentile(figures.latencies, 0.95)
    if p95 is None or p95 >= TARGETS["alert_p95_s"]:
        missed.append(f"alert p95 not under {TARGETS['alert_p95_s']:.0f} s")
    if figures.peak_memory >= TARGETS["memory_bytes"]:
        missed.append("memory not under 1 GB")
    return missed


# --------------------------------------------------------------------------------------------- running


def send_all(
    plan: Sequence[Planned],
    url: str,
    channel: ChannelLoad,
    sign: Callable[[bytes], dict[str, str]],
    workers: int,
) -> list[tuple[Planned, int, float]]:
    """POST every planned delivery at its offset; (planned, status, Unix time of the POST) for each."""
    bodies: dict[int, bytes] = {}
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    wall_start = time.time() + 0.5

    def body_of(planned: Planned) -> bytes:
        with lock:  # a redelivery resends exactly the bytes of its original
            if planned.index not in bodies:
                bodies[planned.index] = channel.body(planned, int(wall_start + planned.offset))
            return bodies[planned.index]

    def send(planned: Planned) -> tuple[Planned, int, float]:
        body = body_of(planned)
        delay = start + planned.offset - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        at = time.time()
        return planned, stack_probe.post(url, body, sign(body), timeout=30), at

    for planned in plan:  # bodies ahead of time, so signing and JSON do not delay the schedule
        body_of(planned)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(send, plan))


def parked_message_ids(parked: Iterable[stack_probe.Parked], run_id: str) -> set[str]:
    """Our message ids found in parked bodies."""
    import re

    pattern = re.compile(rf"wamid\.load\.{re.escape(run_id)}\.\d+")
    return {m for p in parked for m in pattern.findall(p.body)}


def settle(
    reader: stack_probe.StackReader,
    accepted: Mapping[str, float],
    channel: ChannelLoad,
    run_id: str,
    since: float,
    deadline: float,
) -> tuple[bool, float | None]:
    """Wait until every accepted message is stored or parked and the intake queue is empty."""
    pending = {f"{channel.dedup_prefix}{m}": m for m in accepted}

    def drained() -> bool:
        if reader.backlog() > 0:
            return False
        for key in reader.stored_among(pending):  # only what is still pending: cheap, no table scan
            pending.pop(key, None)
        if pending:
            parked = parked_message_ids(reader.parked(since), run_id)
            for key, message_id in list(pending.items()):
                if message_id in parked:
                    del pending[key]
        return not pending

    ok = stack_probe.wait_until(drained, max(0.0, deadline - time.monotonic()), interval=1.0)
    return ok, (time.time() if ok else None)


def marker_seen(
    reader: stack_probe.StackReader,
    url: str,
    channel: ChannelLoad,
    sign: Callable[[bytes], dict[str, str]],
    run_id: str,
    timeout: float,
) -> bool:
    """Post urgent marker reports after everything else, one after the other's SMS; true once the second's
    SMS is in the alert ledger.

    The stream poller reads the table's stream again only when every lane of what it read before has
    finished (it runs up to `ParallelizationFactor` batches at once, in order per ticket). The first
    marker's SMS shows that the poller has read past everything sent before it; the second marker, written
    after that SMS, is read only once every earlier record has been processed.
    """
    deadline = time.monotonic() + timeout
    for n in (1, 2):
        marker = Planned(
            index=-n,
            citizen=f"62898{secrets.randbelow(10**7):07d}",
            message_id=f"wamid.load.{run_id}.marker{n}",
            text=URGENT_TEXTS[0],
            urgent=True,
            offset=0,
        )
        body = channel.body(marker, int(time.time()))
        if stack_probe.post(url, body, sign(body)) != 200:
            return False
        key = f"{channel.dedup_prefix}{marker.message_id}"

        def alerted(key: str = key) -> bool:
            ticket_no = reader.stored_among([key]).get(key)
            return bool(ticket_no and reader.ticket_sms_times(ticket_no))

        seen = stack_probe.wait_until(alerted, max(0.0, deadline - time.monotonic()), interval=1.0)
        if not seen:
            return False
    return True


def report(figures: Figures, args: argparse.Namespace, plan_size: int) -> str:
    p50 = stack_probe.percentile(figures.latencies, 0.50)
    p95 = stack_probe.percentile(figures.latencies, 0.95)

    def seconds(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"

    statuses = ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(figures.statuses.items()))
    drain = seconds(figures.drain_s) if figures.drained else f"not drained within {args.timeout:.0f} s"
    lines = [
        f"load: {args.count} {args.channel} deliveries from {args.citizens} citizens at {args.rate:g}/s,"
        f" seed {args.seed}; {plan_size} POSTs with the redeliveries",
        f"  responses      {statuses}; the POSTs took {figures.send_s:.1f} s",
        f"  accepted       {figures.accepted}",
        f"  stored         {figures.stored}",
        f"  parked         {figures.parked}",
        f"  tickets        {figures.tickets}",
        f"  SMS            {figures.sms}",
        f"  lost           {figures.lost}"
        if figures.drained
        else f"  lost           not known: {figures.lost} neither stored nor parked when the wait ended",
        f"  doubled        {figures.doubled_tickets} messages, {figures.doubled_sms} SMS",
        f"  drain          {drain} after the last POST",
        f"  alert latency  p50 {seconds(p50)}, p95 {seconds(p95)} over {len(figures.latencies)} alerted tickets",
        f"  peak memory    {figures.peak_memory / 2**20:.0f} MiB PSS summed over the stack's processes"
        f" (RSS summed: {figures.peak_rss / 2**20:.0f} MiB, counting shared pages once per process)",
    ]
    missed = missed_targets(figures)
    lines.append("targets: " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="distinct deliveries (default 1000, at most 20000)")
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--rate", type=float, default=100.0, help="deliveries per second (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--channel", choices=sorted(CHANNELS), default="whatsapp")
    parser.add_argument("--workers", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--timeout", type=float, default=300.0, help="longest wait for the drain, in s (default 300)")
    parser.add_argument("--api-port", type=int)
    parser.add_argument("--aws-port", type=int)
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 20000 or not 1 <= args.citizens <= args.count or not 0 < args.rate <= 1000:
        parser.error("--count 1..20000, --citizens 1..count, --rate up to 1000/s")

    try:
        endpoints = stack_probe.find_endpoints(args.api_port, args.aws_port)
    except stack_probe.StackNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    channel = CHANNELS[args.channel]
    path, sign = signer(args.channel)
    url = f"{endpoints.api_url}{path}"
    reader = stack_probe.StackReader(endpoints)
    run_id = f"{int(time.time())}{secrets.token_hex(2)}"
    plan = plan_load(args.count, args.citizens, args.count / args.rate, args.seed, run_id=run_id)
    urgent = {p.message_id for p in plan if p.urgent}
    figures = Figures(posts=len(plan))
    root = stack_probe.stack_pid(endpoints.api_port)
    if root is None:
        print("warning: the stack's process was not found in /proc; memory is not measured", file=sys.stderr)
    since = time.time() - 1
    print(f"sending {len(plan)} POSTs to {url} over {args.count / args.rate:.1f} s ...", flush=True)
    with stack_probe.MemorySampler(root) as memory:
        responses = send_all(plan, url, channel, sign, args.workers)
        first_post, last_post = min(at for _, _, at in responses), max(at for _, _, at in responses)
        figures.send_s = last_post - first_post
        figures.statuses = Counter(status for _, status, _ in responses)
        accepted = accepted_at(responses)
        print(f"sent; waiting for the stack to drain (at most {args.timeout:.0f} s) ...", flush=True)
        deadline = time.monotonic() + args.timeout
        figures.drained, drained_at = settle(reader, accepted, channel, run_id, since, deadline)
        caught_up = figures.drained and marker_seen(
            reader, url, channel, sign, run_id, max(5.0, deadline - time.monotonic())
        )
        tickets = reader.tickets()
        sms = stack_probe.sent_sms(endpoints)
        parked_ids = parked_message_ids(reader.parked(since), run_id)
        stored_keys = reader.stored_message_keys()
    figures.peak_memory = memory.peak
    figures.peak_rss = memory.peak_rss
    markers = {f"wamid.load.{run_id}.marker{n}" for n in (1, 2)}
    tickets = [t for t in tickets if not markers & set(t.message_ids)]
    account(
        figures,
        accepted=accepted,
        stored_keys=stored_keys,
        parked_ids=parked_ids,
        tickets=tickets,
        sms=sms,
        urgent=urgent,
        dedup_prefix=channel.dedup_prefix,
    )
    if figures.drained and drained_at is not None:
        last_sms = max((at for t in tickets for at in t.sms_at if at >= since), default=drained_at)
        figures.drain_s = max(drained_at, last_sms if caught_up else drained_at) - last_post
        if not caught_up:
            figures.drained = False
    print(report(figures, args, len(plan)))
    return 1 if missed_targets(figures) else 0


if __name__ == "__main__":
    raise SystemExit(main())
