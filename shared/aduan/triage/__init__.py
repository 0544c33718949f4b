"""Rule-based triage of citizen reports: category, priority, area (kecamatan) and sensitivity.

Pure standard-library Python so that it is cheap to import in a Lambda cold start::

    from aduan.triage import triage
    t = triage("tolong ada begal di Jl. Soekarno Hatta sekarang")
    t.category, t.priority, t.area  # ('pencurian', 'darurat', 'lowokwaru')
"""

from .engine import Triage, priority_rank, triage
from .gazetteer import AREAS, POLSEK_AREAS
from .lexicon import CATEGORIES, PRIORITIES
from .policy import DEFAULT_POLICY, RULES_ONLY, ModelPolicy

__all__ = [
    "AREAS",
    "CATEGORIES",
    "DEFAULT_POLICY",
    "POLSEK_AREAS",
    "PRIORITIES",
    "RULES_ONLY",
    "ModelPolicy",
    "Triage",
    "priority_rank",
    "triage",
]
