"""Regenerate eventwire/store/export/data/country_centroids.tsv: one point per country, which GDELT gives a
country-level place (geo type 1) as Lat/Long.

Input: `countries-50m.json` of the npm package world-atlas 2.0.2 (Natural Earth 1:50m countries, public
domain; world-atlas is ISC-licensed), the package the dashboard's basemap comes from (tools/build_basemap.py,
whose TopoJSON decoding this reuses). The point is the area-weighted centroid (in an equal-area plane) of the country's polygons
when it falls inside one of them; otherwise (France with French Guiana, the United States with Alaska:
the mean lands in the sea or abroad) the centroid of its largest polygon. Keyed by ISO 3166-1 alpha-3
(pycountry, from the file's ISO numeric ids); the few outlines without an ISO id (Kosovo, Northern
Cyprus, Somaliland) are left out.

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       .venv/bin/python tools/build_country_centroids.py package/countries-50m.json
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry

from build_basemap import decode_arcs, ring, unwrapped

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "store" / "export" / "data" / "country_centroids.tsv"

Point = tuple[float, float]


def ring_area_centroid(points: list[Point]) -> tuple[float, float, float]:
    """Signed area and centroid (shoelace formula) of a ring in the equirectangular plane."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, points[0][0], points[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def inside(point: Point, points: list[Point]) -> bool:
    """Ray casting: is the point inside the ring?"""
    x, y = point
    hit = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def centroid(polygons: list[list[list[Point]]]) -> Point:
    """(lon, lat): the area-weighted centroid of the polygons (outer ring minus holes) when it lies in one
    of them, else the largest polygon's own."""
    parts = []
    for rings in polygons:
        area = cx = cy = 0.0
        for index, points in enumerate(rings):
            a, x, y = ring_area_centroid(points)
            a = abs(a) if index == 0 else -abs(a)  # the first ring is the outline, the others holes
            area, cx, cy = area + a, cx + a * x, cy + a * y
        if area > 0:
            parts.append((area, (cx / area, cy / area), rings[0]))
    total = sum(area for area, _, _ in parts)
    mean = (sum(area * c[0] for area, c, _ in parts) / total, sum(area * c[1] for area, c, _ in parts) / total)
    if any(inside(mean, outline) for _, _, outline in parts):
        return mean
    return max(parts, key=lambda part: part[0])[1]


def country_polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[Point]]]:
    """The country's rings in an equal-area plane (lon, sin lat), so high-latitude land (Alaska, the
    Canadian Arctic) weighs what it covers, not what an equirectangular map stretches it to."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[[(lon, math.sin(math.radians(lat))) for lon, lat in unwrapped(ring(indexes, arcs))]
             for indexes in polygon] for polygon in polygons]


def main(source: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not geometry.get("id"):
            continue
        country = pycountry.countries.get(numeric=str(geometry["id"]).zfill(3))
        if country is None:
            continue
        lon, y = centroid(country_polygons(geometry, arcs))
        lat = math.degrees(math.asin(max(-1.0, min(1.0, y))))
        lon = (lon + 180) % 360 - 180  # rings unwrapped across the antimeridian (Russia, Fiji)
        rows.append((country.alpha_3, f"{lat:.4f}", f"{lon:.4f}", geometry.get("properties", {}).get("name", "")))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as stream:
        stream.write("# Country centroids from Natural Earth 1:50m countries (public domain) via world-atlas 2.0.2; "
                     "tools/build_country_centroids.py\n")
        stream.write("iso3\tlat\tlon\tname\n")
        stream.writelines("\t".join(row) + "\n" for row in rows)
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
