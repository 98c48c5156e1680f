"""Regenerate eventwire/web/static/world-110m.json: the dashboard map's country outlines, offline.

Input: `countries-110m.json` of the npm package world-atlas 2.0.2 (Natural Earth 1:110m countries, public
domain; world-atlas is ISC-licensed), fetched with `npm pack world-atlas@2.0.2`. The TopoJSON is decoded
here and each country becomes one SVG path in an equirectangular projection (x = (lon + 180) * 2,
y = (90 - lat) * 2, a 720 × 360 view box), keyed by its ISO 3166-1 alpha-3 code (pycountry, from the
file's ISO numeric ids), so the browser only draws paths: no map library, no tile server.

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       .venv/bin/python tools/build_basemap.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "web" / "static" / "world-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (lon, lat) points: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (~i is arc i reversed); arcs share their end points."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with longitudes made continuous: a ring that crosses the antimeridian (Russia, Fiji) jumps
    by ~360 degrees between two points, which would draw a line across the whole map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            previous = out[-1][0] - shift
            if lon - previous > 180:
                shift -= 360
            elif previous - lon > 180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def _ring_path(points: list[tuple[float, float]], offset: float) -> str:
    return "M" + "L".join(f"{(lon + offset + 180) * 2:.1f},{(90 - lat) * 2:.1f}" for lon, lat in points) + "Z"


def svg_path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    """One path for a country; a ring reaching past ±180 is drawn once more shifted by 360 degrees, so
    each side of the map shows its part (the view box cuts the rest)."""
    parts = []
    for polygon in polygons:
        for indexes in polygon:
            points = unwrapped(ring(indexes, arcs))
            lons = [lon for lon, _ in points]
            parts.append(_ring_path(points, 0))
            if max(lons) > 180:
                parts.append(_ring_path(points, -360))
            if min(lons) < -180:
                parts.append(_ring_path(points, 360))
    return "".join(parts)


def main(source: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        found = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3)) if geometry.get("id") else None
        code = found.alpha_3 if found else None
        name = geometry.get("properties", {}).get("name")
        key = code or f"name:{name}"  # Kosovo, Northern Cyprus, Somaliland have no ISO numeric id
        countries[key] = {"name": name, "d": svg_path(polygons, arcs)}
    OUT.write_text(json.dumps({"source": "Natural Earth 1:110m countries via world-atlas 2.0.2 (tools/build_basemap.py)",
                               "viewBox": [0, 0, 720, 360], "countries": countries}, separators=(",", ":")),
                   encoding="utf-8")
    print(f"{len(countries)} countries, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
