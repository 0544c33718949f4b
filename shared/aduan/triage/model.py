"""A small learned text classifier that backs up the triage rules where their evidence is weak.

Two multinomial logistic-regression models (category, priority) over hashed-free sparse features:
normalised word lemmas, lemma bigrams inside a clause and five-letter word prefixes (robust to typos and
to suffixes the stemmer does not know).  Parameters are trained by ``scripts/train_triage_model.py`` and
stored, pruned and quantised, in ``model_data.json.gz`` next to this file; they are loaded lazily on the
first call, so importing :mod:`aduan.triage` does not pay for them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from typing import Any

from .normalize import BOUNDARY

# json, gzip and pathlib are imported on first use only: importing aduan.triage must stay cheap
DATA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model_data.json.gz")

# feature -> its non-zero weights as a flat list ``[class, weight, class, weight, ...]``, weights being
# integers in units of ``1/scale`` (stored as read from the parameters file: nothing to convert on load)
Weights = dict[str, list[int]]


_SHIFT = 24  # bits per class in a packed weight vector (sums stay far below 2**23 in absolute value)
_HALF = 1 << (_SHIFT - 1)
_MASK = (1 << _SHIFT) - 1


class Linear:
    """One softmax classifier: labels, bias and per-feature weights (quantised).

    For speed, a feature's weight vector is packed into one Python integer (``_SHIFT`` bits per class, two's
    complement carries included), so scoring is one integer addition per feature; packing happens the first
    time a feature is seen, so loading costs nothing beyond reading the file.
    """

    __slots__ = ("_offset", "_packed", "bias", "labels", "scale", "weights")

    def __init__(self, labels: tuple[str, ...], bias: list[int], weights: Weights, scale: float) -> None:
        self.labels = labels
        self.bias = bias
        self.weights = weights
        self.scale = scale
        self._packed: dict[str, int] = {"": _pack(enumerate(bias))}
        self._offset = sum(_HALF << (_SHIFT * k) for k in range(len(labels)))

    def scores(self, feats: Iterable[str], extra: str = "") -> list[float]:
        """Per-label scores of the features ``feats`` (plus the feature ``extra``, when given)."""
        packed = self._packed
        acc = packed[""]
        if extra:
            acc += packed.get(extra) or self.scores_one(extra)
        for f in feats:
            v = packed.get(f)
            if v is None:
                v = self.scores_one(f)
                if not v and len(packed) < 200_000:
                    packed[f] = 0  # unknown: remembered (up to a bound) so that the next miss costs one lookup
            acc += v
        acc += self._offset
        scale = self.scale
        return [(((acc >> (_SHIFT * k)) & _MASK) - _HALF) / scale for k in range(len(self.labels))]

    def scores_one(self, f: str) -> int:
        """The packed weights of one feature (0 when unknown)."""
        w = self.weights.get(f)
        if w is None:
            return 0
        it = iter(w)
        v = self._packed[f] = _pack(zip(it, it, strict=False))
        return v

    def predict(self, feats: Iterable[str], extra: str = "") -> tuple[str, float, list[float]]:
        """Best label, its probability and the probabilities of all labels (in ``labels`` order)."""
        s = self.scores(feats, extra)
        top = max(s)
        ex = [math.exp(v - top) for v in s]
        z = sum(ex)
        best = s.index(top)
        return self.labels[best], ex[best] / z, [e / z for e in ex]

    def prob(self, probs: list[float], label: str) -> float:
        """The probability of ``label`` in a distribution returned by :meth:`predict`."""
        return probs[self.labels.index(label)] if label in self.labels else 0.0

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "scale": self.scale, "bias": self.bias, "w": self.weights}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Linear:
        return cls(tuple(obj["labels"]), list(obj["bias"]), obj["w"], float(obj["scale"]))


def _pack(pairs: Iterable[tuple[int, int]]) -> int:
    return sum(v << (_SHIFT * k) for k, v in pairs)


class Model:
    """The category and priority classifiers."""

    __slots__ = ("category", "priority")

    def __init__(self, category: Linear, priority: Linear) -> None:
        self.category = category
        self.priority = priority


_TOKEN_CACHE: dict[str, tuple[str, str, str]] = {}


def features(toks: Iterable[str], lemma: Callable[[str], str]) -> list[str]:
    """Sparse features of a normalised report (tokens from :func:`normalize`, lemmas from the engine):
    ``w:`` lemma, ``b:`` lemma bigram inside a clause, ``p:`` five-letter prefix of a longer word."""
    out: list[str] = []
    prev = ""
    cache = _TOKEN_CACHE
    for t in toks:
        if t == BOUNDARY:
            prev = ""
            continue
        hit = cache.get(t)
        if hit is None:
            lem = lemma(t)
            hit = (lem, "w:" + lem, "p:" + t[:5] if len(t) > 5 and t.isalpha() else "")
            if len(cache) < 100_000:
                cache[t] = hit
        lem, uni, pre = hit
        out.append(uni)
        if prev:
            out.append("b:" + prev + "_" + lem)
        if pre:
            out.append(pre)
        prev = lem
    return list(dict.fromkeys(out))


_MODEL: Model | None = None
_LOADED = False


def load(path: str = DATA_FILE) -> Model | None:
    """Read the parameters file (``None`` when it is missing)."""
    import gzip
    import json

    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        obj = json.load(fh)
    return Model(Linear.from_json(obj["category"]), Linear.from_json(obj["priority"]))


def get() -> Model | None:
    """The shipped model, loaded on first use."""
    global _MODEL, _LOADED
    if not _LOADED:
        _MODEL = load()
        _LOADED = True
    return _MODEL


def use(model: Model | None) -> None:
    """Replace the model in use (training and cross-validation; ``None`` turns the model off)."""
    global _MODEL, _LOADED
    _MODEL = model
    _LOADED = True
