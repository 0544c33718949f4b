"""The triage pipeline: normalise, scan, categorise, prioritise, safety net, place; and its ``Triage`` result.

``triage(text, channel, location)`` runs these stages in order, each in its own module:

1. ``normalize``: tokens, clause boundaries, shouting and exclamation marks;
2. ``scan``: vocabulary hits (negated, hedged) grouped by cue, with event families;
3. ``categorise``: category scores and the named category rules;
4. ``policy``: the learned back-up model on a weakly supported category (configuration passed in);
5. ``prioritise``: evidence of danger and time, then the category's priority ladder;
6. ``safety_net``: the category-independent ``darurat`` floor (``danger``);
7. ``area``: the kecamatan and kelurahan from the shared location or the text.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import lexicon as lx
from .area import locate
from .categorise import categorise
from .danger import assess
from .evidence import SOFT_PAST, adult_anak, age_of, station_named
from .normalize import normalize
from .policy import DEFAULT_POLICY, ModelPolicy, learned, model_category, model_priority, weak_category
from .prioritise import prioritise
from .scan import Features, features, lemma

__all__ = ["DEFAULT_POLICY", "ModelPolicy", "Triage", "lemma", "priority_rank", "triage"]

CHILD = lx.CUES["child"]
_FIELDS: tuple[str, ...] = ("category", "priority", "area", "kelurahan", "sensitive", "reasons")


class Triage:
    """Triage decision for one report (immutable).

    Behaves like a frozen, slotted dataclass with the fields ``category, priority, area, kelurahan,
    sensitive, reasons`` (same constructor, equality, hash and repr), written by hand because importing
    ``dataclasses`` pulls in ``inspect`` and costs a cold start several milliseconds.
    """

    __slots__ = ("_v",)
    __match_args__ = ("category", "priority", "area", "kelurahan", "sensitive", "reasons")
    _v: tuple[str, str, str | None, str | None, bool, tuple[str, ...]]

    def __init__(
        self,
        category: str,
        priority: str,
        area: str | None,
        kelurahan: str | None,
        sensitive: bool,
        reasons: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "_v", (category, priority, area, kelurahan, sensitive, reasons))

    @property
    def category(self) -> str:
        return self._v[0]

    @property
    def priority(self) -> str:
        return self._v[1]

    @property
    def area(self) -> str | None:
        return self._v[2]

    @property
    def kelurahan(self) -> str | None:
        return self._v[3]

    @property
    def sensitive(self) -> bool:
        return self._v[4]

    @property
    def reasons(self) -> tuple[str, ...]:
        return self._v[5]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._v == other._v  # type: ignore[attr-defined, no-any-return]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._v)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in zip(_FIELDS, self._v, strict=True))
        return f"{self.__class__.__qualname__}({inner})"

    def __reduce__(self) -> tuple[type[Triage], tuple[object, ...]]:
        return (self.__class__, self._v)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-serialisable dict."""
        return {
            "category": self.category,
            "priority": self.priority,
            "area": self.area,
            "kelurahan": self.kelurahan,
            "sensitive": self.sensitive,
            "reasons": list(self.reasons),
        }


def priority_rank(priority: str) -> int:
    """Return the index of ``priority`` in PRIORITIES (0 = rendah ... 3 = darurat)."""
    return lx.PRIORITIES.index(priority)


def safety_net(
    category: str,
    priority: str,
    reasons: list[str],
    feats: Features,
    toks: tuple[str, ...],
    text: str,
    loud: tuple[int, bool],
) -> tuple[str, str, list[str], str]:
    """Raise to ``darurat`` when the report shows a person in danger now, whatever the category."""
    if priority == "darurat" and category not in ("lainnya", "lalu_lintas", "gangguan_kamtibmas", "pengaduan_petugas"):
        return category, priority, reasons, ""
    age = age_of(text)
    child = any(not adult_anak(h, toks) for h in feats.cues.get("child", ()))
    frail = any(h.key not in CHILD and h.key not in ("tua", "bingung") for h in feats.cues.get("vulnerable", ()))
    young = (child or frail) if age is None else age < 18 or age >= 65
    cues = {
        "ongoing": [h.key for h in feats.cues.get("ongoing", ())],
        "fresh": [h.key for h in feats.cues.get("fresh", ())],
        "past": [h.key for h in feats.cues.get("past", ()) if h.key not in SOFT_PAST],
        "recurring": [h.key for h in feats.cues.get("recurring", ())],
    }
    found = assess(toks, category, young, cues, loud[0], loud[1])
    if found is None:
        return category, priority, reasons, ""
    if found.category and found.category != category:
        reasons = [*reasons, f"kategori: '{found.surface}' → {found.category} (keselamatan orang)"]
        category = found.category
    if priority == "darurat":
        return category, priority, reasons, ""
    return category, "darurat", reasons, found.reason


def triage(
    text: str,
    channel: str | None = None,
    location: Mapping[str, object] | tuple[float, float] | None = None,
    *,
    policy: ModelPolicy = DEFAULT_POLICY,
) -> Triage:
    """Classify a citizen report: category, priority, area (kecamatan), kelurahan and sensitivity.

    ``channel`` is accepted for future use; ``location`` (``{"lat", "lon"}`` / ``{"latitude",
    "longitude"}`` or a ``(lat, lon)`` tuple) takes precedence over places named in the text.  ``policy``
    says when the learned back-up model may override the rules (``policy.RULES_ONLY`` never).
    """
    text = text if isinstance(text, str) else str(text or "")
    norm = normalize(text)
    toks = norm.tokens
    feats = features(toks)
    category, reasons, margin = categorise(feats, toks, "?" in text)
    mdl = learned() if policy.uses_model else None
    mfeats: list[str] = []
    rules_category = category
    if mdl is not None and weak_category(policy, category, margin):
        category, reasons, mfeats = model_category(policy, mdl, category, reasons, toks)
    priority, preason = prioritise(category, feats, toks, text, norm.exclaim, norm.shouting)
    if category != rules_category and priority != "darurat":
        # the darurat floor: a darurat the rules give under their own category survives the model's category
        floor = prioritise(rules_category, feats, toks, text, norm.exclaim, norm.shouting)
        if floor[0] == "darurat":
            priority, preason = floor
    if mdl is not None and policy.pri != "off" and priority != "darurat" and (mfeats or policy.pri != "weak"):
        priority, preason = model_priority(policy, mdl, category, priority, preason, mfeats, toks)
    category, priority, reasons, net_reason = safety_net(
        category, priority, reasons, feats, toks, text, (norm.exclaim, norm.shouting)
    )
    area, kelurahan, areason = locate(text, location)
    if category == "lainnya" and priority == "rendah" and location is None:
        area, kelurahan, areason = None, None, ""
    if category == "penipuan" and location is None and areason and station_named(norm.tokens, areason):
        # "ngaku petugas Polsek Blimbing": the station being impersonated is not where the scam happened
        area, kelurahan, areason = None, None, ""
    all_reasons = [*reasons, preason]
    if net_reason:
        all_reasons.append(net_reason)
    if areason:
        all_reasons.append(areason)
    return Triage(
        category=category,
        priority=priority,
        area=area,
        kelurahan=kelurahan,
        sensitive=category in ("pengaduan_petugas", "kdrt_ppa"),
        reasons=tuple(all_reasons),
    )
