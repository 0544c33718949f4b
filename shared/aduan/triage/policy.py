"""How the learned back-up model (``model``) may change the rules' decision: the ``ModelPolicy``.

The policy is configuration, passed to ``triage(..., policy=...)``; the default is the one chosen by
leave-one-writer-out cross-validation (``scripts/train_triage_model.py``).

- ``cat``: ``"off"`` | ``"fallback"`` (only when the rules fell back to ``lainnya``) | ``"weak"`` (fallback, or
  the winning category leads the runner-up by less than ``margin``); the model's category is taken at
  probability ``cat_t`` or more.
- ``pri``: ``"off"`` | ``"default"`` (only when the rules gave the category's default priority) | ``"weak"``
  (as ``"default"``, only when the category was weak too, so the model's features are already at hand) |
  ``"any"``; the model's priority is taken at ``pri_t`` or more, and it may raise to ``darurat`` only at
  ``dar_t`` (above 1: never).  The model never lowers a ``darurat``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .scan import lemma

if TYPE_CHECKING:
    from . import model as _model


class ModelPolicy(NamedTuple):
    """When and how far the back-up model may override the rules (see the module docstring)."""

    cat: str = "weak"
    cat_t: float = 0.5
    margin: float = 1.0
    pri: str = "off"  # "default" at pri_t 0.7 adds ~0.6 CV priority points but costs ~3% throughput
    pri_t: float = 0.7
    dar_t: float = 2.0

    @property
    def uses_model(self) -> bool:
        return self.cat != "off" or self.pri != "off"


DEFAULT_POLICY = ModelPolicy()
RULES_ONLY = ModelPolicy(cat="off", pri="off")

_MODEL_GET: Callable[[], _model.Model | None] | None = None


def learned() -> _model.Model | None:
    """The learned model; its module is imported on first use so that importing the package stays cheap."""
    global _MODEL_GET
    if _MODEL_GET is None:
        from .model import get

        _MODEL_GET = get
    return _MODEL_GET()


def weak_category(pol: ModelPolicy, category: str, margin: float) -> bool:
    """True when the rules' category rests on weak evidence (as the policy defines it)."""
    mode = pol.cat
    if mode == "off":
        return False
    fallback = category == "lainnya" and margin <= 0.0
    if mode == "fallback":
        return fallback
    return fallback or margin < pol.margin


def model_category(
    pol: ModelPolicy, mdl: _model.Model, category: str, reasons: list[str], toks: tuple[str, ...]
) -> tuple[str, list[str], list[str]]:
    """Let the model decide a weakly supported category; also return the model features for reuse."""
    from .model import features

    mfeats = features(toks, lemma)
    mcat, p, _ = mdl.category.predict(mfeats)
    if p >= pol.cat_t and mcat != category:
        return mcat, [f"kategori: model ({p:.2f}) → {mcat}"], mfeats
    return category, reasons, mfeats


def model_priority(
    pol: ModelPolicy,
    mdl: _model.Model,
    category: str,
    priority: str,
    preason: str,
    mfeats: list[str],
    toks: tuple[str, ...],
) -> tuple[str, str]:
    """Let the model decide a priority the rules gave only by default; never called on a darurat.

    The model may raise to darurat only at the policy's ``dar_t`` and may not pick darurat otherwise.
    """
    default = preason.startswith("prioritas: dasar kategori") or pol.pri == "any"
    if not default and pol.dar_t > 1.0:
        return priority, preason
    if not mfeats:
        from .model import features

        mfeats = features(toks, lemma)
    mpri, p, probs = mdl.priority.predict(mfeats, "c:" + category)
    p_darurat = mdl.priority.prob(probs, "darurat")
    if p_darurat >= pol.dar_t:
        return "darurat", f"prioritas: model ({p_darurat:.2f}) → darurat"
    if default and mpri not in ("darurat", priority) and p >= pol.pri_t:
        return mpri, f"prioritas: model ({p:.2f}) → {mpri}"
    return priority, preason
