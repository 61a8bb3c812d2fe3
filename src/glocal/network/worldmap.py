"""The world's countries as SVG path data, decoded from the shipped TopoJSON (Natural Earth
1:110m, `data/countries-110m.json` from world-atlas 2.0.2) once per process.

TopoJSON keeps each border once, as an "arc" of quantised points, each point but the first a
delta from the one before; a country is rings of arcs (a negative index ~i means arc i walked
backwards). We project with the plain equirectangular projection (x = longitude,
y = -latitude), which needs no library and is enough to find a country on a map, and round
to 0.1 degree: at the size the page draws the map, finer is invisible, and rounding is what
keeps the inline SVG small. Antarctica is left out (no one keeps contacts there, and it takes a
fifth of the height); the map runs from 84°N to 57°S.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

SOURCE = Path(__file__).parent / "data" / "countries-110m.json"
NORTH, SOUTH = 84, -57
WIDTH, HEIGHT = 360, NORTH - SOUTH
LEFT_OUT = {"010"}  # Antarctica


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2, or "" where the source has no numeric code (e.g. Kosovo)
    name: str  # as the source names it (English), for shapes without a code
    path: str  # SVG path data in the map's viewBox (0 0 WIDTH HEIGHT)


def _tenths(lon: float, lat: float) -> tuple[int, int]:
    """A point projected onto the map, in tenths of a degree (integers, so that deltas of
    rounded points add up exactly and never drift)."""
    return round((lon + 180) * 10), round((NORTH - lat) * 10)


def _decimal(tenths: int) -> str:
    """12 → "1.2", -3 → "-.3", 20 → "2": the shortest SVG number."""
    text = f"{tenths / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _arcs(topology: dict) -> list[list[tuple[int, int]]]:
    """Every arc as absolute projected points (tenths of a degree)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(_tenths(x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # an arc starts where the last one ended
    return points


def _ring_path(points) -> str:
    """ "M x y" then relative steps, dropping steps that rounding made zero; "" for a ring
    that rounding shrank to less than a triangle."""
    steps, (x, y) = [], points[0]
    for px, py in points[1:]:
        if (px, py) != (x, y):
            steps.append(f"{_decimal(px - x)} {_decimal(py - y)}")
            x, y = px, py
    if len(steps) < 3:
        return ""
    start = f"M{_decimal(points[0][0])} {_decimal(points[0][1])}"
    return f"{start}l{' '.join(steps)}z".replace(" -", "-")  # a minus sign separates too


def _unwrapped(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A ring that crosses the 180th meridian (Russia's Chukotka, Fiji) jumps from one edge of
    the map to the other; walk it continuously instead, past the edge where it crosses."""
    full, half = WIDTH * 10, WIDTH * 5
    shift, last, walked = 0, points[0][0], []
    for x, y in points:
        if x - last > half:
            shift -= full
        elif last - x > half:
            shift += full
        last = x
        walked.append((x + shift, y))
    return walked


def _copies(points: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The ring, and where it runs past an edge, a copy a world away so that the part past
    the edge shows at the other one (the SVG's viewBox clips the rest)."""
    full, xs = WIDTH * 10, [x for x, _y in points]
    copies = [points]
    if min(xs) < 0:
        copies.append([(x + full, y) for x, y in points])
    if max(xs) > full:
        copies.append([(x - full, y) for x, y in points])
    return copies


def _path(geometry: dict, arcs) -> str:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return "".join(
        _ring_path(copy)
        for polygon in polygons
        for ring in polygon
        for copy in _copies(_unwrapped(_ring(ring, arcs)))
    )


def _alpha_2(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else ""


@cache
def shapes() -> tuple[Shape, ...]:
    """Every country of the source but Antarctica, with its alpha-2 code where it has one."""
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        path = _path(geometry, arcs)
        if path:
            found.append(Shape(_alpha_2(geometry.get("id")), geometry["properties"]["name"], path))
    return tuple(found)
