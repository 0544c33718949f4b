"""Unit tests for the learned back-up model of aduan.triage (loading, features, combination with the rules)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aduan.triage import CATEGORIES, DEFAULT_POLICY, PRIORITIES, RULES_ONLY, ModelPolicy, engine, model, triage
from aduan.triage.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"

DARURAT = (
    "tolong ada begal sekarang di jalan, korban dibacok!!",
    "kecelakaan motor, pengendara berdarah dan pingsan",
    "kebakaran rumah, api merembet ke rumah sebelah",
    "anak saya 4 tahun hilang di mall, terpisah dari saya",
)


@pytest.fixture
def restore_model() -> Iterator[None]:
    saved = (model._MODEL, model._LOADED)
    yield
    model._MODEL, model._LOADED = saved


def _fixed(labels: tuple[str, ...], winner: str) -> model.Linear:
    """A classifier that always answers ``winner`` with probability ~1."""
    return model.Linear(labels, [5000 if lab == winner else 0 for lab in labels], {}, 100.0)


def _fake(category: str, priority: str) -> model.Model:
    return model.Model(_fixed(CATEGORIES, category), _fixed(PRIORITIES, priority))


def test_shipped_model_loads_and_is_small() -> None:
    assert os.path.getsize(model.DATA_FILE) < 150_000
    mdl = model.load()
    assert mdl is not None
    assert mdl.category.labels == CATEGORIES
    assert mdl.priority.labels == PRIORITIES
    feats = model.features(normalize("motor saya dicuri maling tadi malam di parkiran").tokens, engine.lemma)
    label, p, probs = mdl.category.predict(feats)
    assert label == "pencurian"
    assert 0.0 < p <= 1.0
    assert sum(probs) == pytest.approx(1.0)
    assert mdl.category.prob(probs, "pencurian") == p


def test_missing_parameters_file_gives_no_model(tmp_path: Path) -> None:
    assert model.load(str(tmp_path / "absent.json.gz")) is None


def test_features_share_affixed_forms_and_stay_in_clause() -> None:
    a = model.features(normalize("ditendang").tokens, engine.lemma)
    b = model.features(normalize("menendang").tokens, engine.lemma)
    assert set(a) & set(b)
    f = model.features(normalize("maling kabur. motor hilang").tokens, engine.lemma)
    assert not any(x.startswith("b:") and "kabur_motor" in x for x in f)
    assert len(f) == len(set(f))


def test_import_does_not_load_the_model() -> None:
    code = (
        "import sys, aduan.triage; print('aduan.triage.model' in sys.modules); "
        "import aduan.triage.model as m; print(m._LOADED, 'gzip' in sys.modules); "
        "aduan.triage.triage('halo min'); print(m._LOADED, m._MODEL is not None)"
    )
    env = dict(os.environ, PYTHONPATH=str(SHARED))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "False", "False", "True", "True"]


@pytest.mark.usefixtures("restore_model")
def test_model_decides_a_category_the_rules_fell_back_on() -> None:
    model.use(_fake("pencurian", "sedang"))
    t = triage("halo min, ada sesuatu yang aneh")
    assert t.category == "pencurian"
    assert "kategori: model (1.00) → pencurian" in t.reasons


@pytest.mark.usefixtures("restore_model")
def test_model_does_not_override_strong_rules_category() -> None:
    model.use(_fake("narkoba", "rendah"))
    assert triage("motor saya dicuri maling tadi malam di parkiran").category == "pencurian"
    assert triage("tolong ada begal sekarang di jalan, korban dibacok!!").category == "pencurian"


@pytest.mark.usefixtures("restore_model")
@pytest.mark.parametrize("text", DARURAT)
@pytest.mark.parametrize("mode", ["default", "any"])
def test_model_never_lowers_darurat(text: str, mode: str) -> None:
    policy = ModelPolicy(cat="weak", margin=100.0, cat_t=0.0, pri=mode, pri_t=0.0)
    model.use(_fake("lainnya", "rendah"))
    assert triage(text, policy=policy).priority == "darurat"


@pytest.mark.usefixtures("restore_model")
def test_model_raises_to_darurat_only_when_allowed() -> None:
    text = "motor saya dicuri maling tadi malam di parkiran"
    model.use(_fake("pencurian", "darurat"))
    never = DEFAULT_POLICY._replace(pri="any", pri_t=0.0, dar_t=2.0)
    assert triage(text, policy=never).priority != "darurat"
    t = triage(text, policy=never._replace(dar_t=0.99))
    assert t.priority == "darurat"
    assert any(r.startswith("prioritas: model (1.00) → darurat") for r in t.reasons)


@pytest.mark.usefixtures("restore_model")
def test_model_decides_only_a_default_priority() -> None:
    policy = DEFAULT_POLICY._replace(pri="default", pri_t=0.7, dar_t=2.0)
    model.use(_fake("gangguan_kamtibmas", "tinggi"))
    # the rules give this one only the default priority of its category
    decided = triage("ada pengamen maksa minta uang di lampu merah", policy=policy)
    assert decided.priority == "tinggi"
    assert "prioritas: model (1.00) → tinggi" in decided.reasons
    model.use(_fake("pencurian", "rendah"))
    kept = triage("motor saya dicuri maling kemarin di parkiran", policy=policy)  # rules: after the fact -> sedang
    assert kept.priority == "sedang"
    assert not any("model" in r for r in kept.reasons)


def test_shipped_policy_never_lets_the_model_pick_darurat() -> None:
    assert DEFAULT_POLICY.dar_t > 1.0
    assert triage("halo min") == engine.triage("halo min", policy=DEFAULT_POLICY)


@pytest.mark.usefixtures("restore_model")
def test_no_model_or_policy_off_is_rules_only() -> None:
    text = "halo min, ada sesuatu yang aneh"
    model.use(None)
    plain = triage(text)
    model.use(_fake("pencurian", "tinggi"))
    assert triage(text, policy=RULES_ONLY) == plain
    assert not any("model" in r for r in plain.reasons)
