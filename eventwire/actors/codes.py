"""CAMEO-style actor codes and document-unique actor ids.

Codes are country + sector ("CHNGOV", "KAZCOP", "CHNMED"); international
bodies are "IGO" and non-governmental organisations "NGO" whatever their
seat, armed groups of no country "IMG" + sector, as in CAMEO; a
knowledge-base entry may carry its own code (the KB's international bodies
do: "IGOUNO", "IGOEUR", "IGONATO", so dyads keep them apart).
"""

from __future__ import annotations

import re

TRANSNATIONAL = ("IGO", "NGO")
STATELESS_ARMED = ("REB", "UAF", "INS")


def actor_code(country: str | None, sector: str | None, own_code: str | None = None) -> str | None:
    """The CAMEO-style code for a country and sector; None when nothing is known."""
    if own_code:
        return own_code
    if sector in TRANSNATIONAL:
        return sector
    if country is None and sector in STATELESS_ARMED:
        return "IMG" + sector  # CAMEO: international militarized group (al-Qaeda, ...)
    code = (country or "") + (sector or "")
    return code or None


_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case, hyphen-separated form of a name for ids ("Security forces" -> "security-forces")."""
    return _NON_WORD.sub("-", text.lower().replace("’", "").replace("'", "")).strip("-") or "actor"


def group_id(country: str | None, sector: str | None, noun: str) -> str:
    """Id of a group actor: "KAZ-COP-security-forces"."""
    return "-".join(part for part in (country, sector, slug(noun)) if part)
