"""CAMEO codes (name, Goldstein score, quad class) and PLOVER 2.0 types, read from data files.

Both code sets are data (`data/cameo.csv`, `data/plover.yaml`) so users can read
and correct them; this module only loads them once and answers look-ups.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from eventwire.datafiles import load_yaml
from eventwire.records import Cameo

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class PloverType:
    name: str
    quad: int
    modes: tuple[str, ...]
    intended_as: tuple[str, str] | None  # (type, cameo) when only intended/promised/future
    negated_as: tuple[str, str] | None  # (type, cameo) when a negated intention


@dataclass(frozen=True)
class Tables:
    cameo: dict[str, CameoCode]
    plover: dict[str, PloverType]
    old_names: dict[str, str]
    contexts: tuple[str, ...]

    def cameo_record(self, code: str) -> Cameo:
        """The record's `cameo` field for a code; unknown 4-digit codes fall back to their parent's score."""
        entry = self.cameo.get(code) or self.cameo.get(code[:3]) or self.cameo.get(code[:2])
        if entry is None:
            raise KeyError(f"unknown CAMEO code {code!r}")
        return Cameo(code=code, root=code[:2], quad_class=entry.quad_class, goldstein=entry.goldstein)

    def plover_name(self, name: str) -> str:
        """Current PLOVER name for a possibly old one (DEMAND → REQUEST)."""
        upper = name.upper()
        return self.old_names.get(upper, upper)


def quad_class_of(code: str) -> int:
    """CAMEO quad class from the root: 01–05 verbal coop, 06–08 material coop, 09–13 verbal conflict, 14–20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@functools.lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Both tables, loaded once per process."""
    cameo: dict[str, CameoCode] = {}
    with (DATA / "cameo.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            if int(row["quad_class"]) != quad_class_of(code):
                raise ValueError(f"cameo.csv: code {code} has quad class {row['quad_class']}, expected {quad_class_of(code)}")
            cameo[code] = CameoCode(code, row["name"], float(row["goldstein"]), int(row["quad_class"]),
                                    row["plover"] or None, row["plover_mode"] or None)
    raw = load_yaml(DATA / "plover.yaml")
    plover = {}
    for name, spec in raw["types"].items():
        plover[name] = PloverType(name, int(spec["quad"]), tuple(spec.get("modes") or ()),
                                  tuple(spec["intended_as"]) if spec.get("intended_as") else None,
                                  tuple(spec["negated_as"]) if spec.get("negated_as") else None)
    return Tables(cameo=cameo, plover=plover, old_names=dict(raw.get("old_names") or {}),
                  contexts=tuple(raw.get("contexts") or ()))
