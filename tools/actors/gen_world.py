#!/usr/bin/env python3
"""Generate countries.yaml (world actors) for the claim-attribution engine.

Sources:
  * pycountry (ISO 3166-1): English name (common_name if present, else name),
    the official name as an extra alias, and French names from pycountry's
    bundled gettext catalogue ``iso3166-1``.
  * extra.yaml beside this script (hand-written): demonyms, short names,
    capitals used as metonyms, ambiguous and case-sensitive names.

Selection: the 193 UN member states, the two observer states (Holy See,
Palestine), Kosovo (not in ISO 3166-1: written by hand), Taiwan and Western
Sahara.

Usage:
  python3 gen_world.py            # write countries.yaml, then validate
  python3 gen_world.py --check    # validate countries.yaml + organisations.yaml only

Validation: both files load, ids are unique and match ^[a-z][a-z0-9_]*$, kinds
and fields are known, and no name (folded like the engine folds: lowercase, no
accents, ’ -> ') is given to two different ids within one language, counting
every name field (names, capital_metonyms, case_sensitive, ambiguous).
"""

import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml

HERE = Path(__file__).resolve().parent
RULES = HERE.parent.parent / "rules" / "actors"
EXTRA = HERE / "extra.yaml"
ORGS = RULES / "organisations.yaml"
OUT = RULES / "countries.yaml"

LANGS = ("en", "fr")
KINDS = {"country", "territory", "organisation", "news_agency", "armed_group"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_OFFICIAL = 60  # longer official names are not useful aliases

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVERS = {"VAT", "PSE"}           # UN observer states
ALSO = {"TWN", "ESH"}                # Taiwan, Western Sahara (Kosovo is not in ISO 3166-1)
assert len(UN_MEMBERS) == 193, len(UN_MEMBERS)

# Fixed ids (the rest: English short name, lower case, underscores).
ID_OVERRIDES = {
    "USA": "usa", "RUS": "russia", "SYR": "syria", "IRN": "iran", "PSE": "palestine",
    "COD": "democratic_republic_of_the_congo", "COG": "congo", "KOR": "south_korea", "PRK": "north_korea",
    "GBR": "united_kingdom", "TUR": "turkey", "VNM": "vietnam", "LAO": "laos",
    "BOL": "bolivia", "VEN": "venezuela", "TZA": "tanzania", "MDA": "moldova",
    "CZE": "czechia", "CIV": "ivory_coast", "VAT": "vatican", "TWN": "taiwan",
    "ESH": "western_sahara", "BRN": "brunei",
}
# English short names where pycountry has only an inverted "X, Y of" name.
EN_SHORT = {
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VAT": "Holy See",
}


def fold(s: str) -> str:
    """Fold like the engine: lowercase, accents removed, typographic quotes plain."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def plain(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").split())


def make_id(country) -> str:
    if country.alpha_3 in ID_OVERRIDES:
        return ID_OVERRIDES[country.alpha_3]
    n = getattr(country, "common_name", None) or country.name
    n = re.sub(r"\(.*?\)", "", n).split(",")[0]
    n = unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", n).strip("_")


def usable(name: str) -> bool:
    """An alias taken from pycountry: no inverted or bracketed forms."""
    return bool(name) and "," not in name and "(" not in name


def strip_article(name: str) -> str:
    """'the State of Eritrea' -> 'State of Eritrea'; « L'État de Palestine » -> « État de Palestine »."""
    name = plain(name)
    name = re.sub(r"^(the|The) ", "", name)
    name = re.sub(r"^[Ll]'", "", name)
    return name


def fr_inflect(m: str) -> list[str]:
    """The four (or two) forms of a regular French demonym given its masculine singular."""
    if m.endswith(("ais", "ois")):
        return [m, m + "e", m + "es"]                   # soudanais, soudanaise, soudanaises
    if m.endswith("en"):
        return [m, m + "ne", m + "s", m + "nes"]        # ukrainien, -ienne, -iens, -iennes; -éen; libyen
    if m.endswith(("ain", "in", "an", "ol", "and", "ar", "i")):
        return [m, m + "e", m + "s", m + "es"]          # marocain, argentin, afghan, espagnol, allemand, kosovar, qatari
    if m.endswith("e") and not m.endswith(("é", "è")):
        return [m, m + "s"]                             # belge, belges
    raise ValueError(f"no French inflection rule for {m!r}: write its forms in fr_forms")


class Entry:
    def __init__(self, id_, kind):
        self.id = id_
        self.kind = kind
        self.names = {l: [] for l in LANGS}
        self.capitals = {l: [] for l in LANGS}
        self.ambiguous = {l: [] for l in LANGS}
        self.case_sensitive = {l: [] for l in LANGS}
        self.adjectives = {l: [] for l in LANGS}

    @staticmethod
    def _add(lst, name):
        name = plain(name)
        if name and fold(name) not in {fold(x) for x in lst}:
            lst.append(name)

    def add(self, field, lang, names):
        for n in names or []:
            self._add(getattr(self, field)[lang], n)

    def finish(self, drop):
        """Names that are ambiguous, case-sensitive, capitals or dropped leave `names`."""
        for l in LANGS:
            out = {fold(x) for x in drop.get(l, [])}
            out |= {fold(x) for x in self.ambiguous[l] + self.case_sensitive[l] + self.capitals[l]}
            self.names[l] = [n for n in self.names[l] if fold(n) not in out]
            # Demonyms are adjectives: they leave `names` for `adjectives`.
            self.adjectives[l] = [n for n in self.adjectives[l] if fold(n) not in out]
            adj = {fold(x) for x in self.adjectives[l]}
            self.names[l] = [n for n in self.names[l] if fold(n) not in adj]

    def as_dict(self):
        d = {"id": self.id, "kind": self.kind}
        if any(self.capitals.values()):
            d["capital_metonyms"] = {l: v for l, v in self.capitals.items() if v}
        d["names"] = {l: v for l, v in self.names.items() if v}
        if any(self.adjectives.values()):
            d["adjectives"] = {l: v for l, v in self.adjectives.items() if v}
        if any(self.case_sensitive.values()):
            d["case_sensitive"] = {l: v for l, v in self.case_sensitive.items() if v}
        if any(self.ambiguous.values()):
            d["ambiguous"] = {l: v for l, v in self.ambiguous.items() if v}
        return d


def build():
    extra = yaml.safe_load(EXTRA.read_text(encoding="utf-8"))
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    wanted = UN_MEMBERS | OBSERVERS | ALSO
    entries = {}
    for c in pycountry.countries:
        if c.alpha_3 not in wanted:
            continue
        id_ = make_id(c)
        x = extra.get(id_)
        if x is None:
            print(f"warning: no hand-written data for {id_}", file=sys.stderr)
            x = {}
        e = Entry(id_, x.get("kind", "country"))
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        # English
        short = EN_SHORT.get(c.alpha_3) or common or c.name
        e.add("names", "en", [short])
        if usable(c.name):
            e.add("names", "en", [c.name])
        if official:
            o = strip_article(official)
            if usable(o) and len(o) <= MAX_OFFICIAL:
                e.add("names", "en", [o])
        # French, from pycountry's catalogue
        fr_names = []
        if common:                                        # all translated (Laos -> Laos, Syria -> Syrie)
            fr_names.append(fr.gettext(common))
        fr_name = fr.gettext(c.name)
        if usable(fr_name):
            fr_names.append(fr_name)
        elif "(" not in fr_name and not fr_names:
            fr_names.append(fr_name.split(",")[0])        # « Russie, Fédération de » -> Russie
        if official:
            o = strip_article(fr.gettext(official))
            if usable(o) and len(o) <= MAX_OFFICIAL and o != official:
                fr_names.append(o)
        e.add("names", "fr", fr_names)
        merge(e, x)
        entries[id_] = e
    # Entries outside ISO 3166-1 (Kosovo)
    for id_, x in extra.items():
        if (x or {}).get("no_pycountry"):
            e = Entry(id_, x.get("kind", "country"))
            merge(e, x)
            entries[id_] = e
    unknown = set(extra) - set(entries)
    if unknown:
        raise SystemExit(f"extra.yaml has ids that were not generated: {sorted(unknown)}")
    return [entries[k].as_dict() for k in sorted(entries)]


# Every name pycountry gives a country, folded: such a word is a name, not a
# demonym, even when it is one word ("Chad", "Congo").
COUNTRY_WORDS = {
    fold(getattr(c, f))
    for c in pycountry.countries
    for f in ("name", "common_name", "official_name")
    if getattr(c, f, None)
}


# One-word names in extra.yaml that are not demonyms either.
NOT_DEMONYMS = {"turkey", "britain", "pentagon", "kremlin", "tsahal", "tatmadaw",
                "putin", "zelensky", "zelenskyy", "netanyahu", "aliyev", "pashinyan", "erdogan"}


def is_demonym(name):
    """An English demonym among extra.yaml's names: one word, not an acronym,
    not a country's name ("Afghan", "Congolese", "Israelis")."""
    return (" " not in name and "-" not in name and not name.isupper() and "." not in name
            and fold(name) not in COUNTRY_WORDS | NOT_DEMONYMS and name[:1].isupper())


def merge(e, x):
    x = x or {}
    for l in LANGS:
        e.add("names", l, x.get(l))
    e.add("adjectives", "en", [n for n in x.get("en") or [] if is_demonym(n)])
    for m in x.get("fr_dem", []):
        e.add("adjectives", "fr", fr_inflect(m))
    e.add("adjectives", "fr", x.get("fr_forms"))
    for field, key in (("capitals", "capital"), ("ambiguous", "ambiguous"),
                       ("case_sensitive", "case_sensitive")):
        for l, v in (x.get(key) or {}).items():
            e.add(field, l, v)
    e.finish(x.get("drop") or {})


# ---------------------------------------------------------------- output

PLAIN_RE = re.compile(r"^[^\W\d_][\w .'’/\-]*$")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(s):
    if isinstance(s, bool):
        return "true" if s else "false"
    if PLAIN_RE.match(s) and s.lower() not in YAML_WORDS and not s.endswith((" ", ".")):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(v):
    return "[" + ", ".join(scalar(s) for s in v) + "]"


def load_entries(path):
    """The entries of an actors file (`actors:` holds them)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["actors"]


def dump(entries, header):
    out = [header.rstrip(), "", "actors:"]
    for d in entries:
        out.append(f"  - id: {d['id']}")
        for k, v in d.items():
            if k == "id":
                continue
            if isinstance(v, dict):
                out.append(f"    {k}:")
                for l, names in v.items():
                    out.append(f"      {l}: {flow_list(names)}")
            else:
                out.append(f"    {k}: {scalar(v) if isinstance(v, (str, bool)) else v}")
    return "\n".join(out) + "\n"


HEADER = """\
# GENERATED by gen_world.py from pycountry (ISO 3166-1 names, French names from
# its gettext catalogue) and extra.yaml (hand-written). Do not edit: edit
# extra.yaml and run `python3 gen_world.py`.
#
# One entry per UN member state (193), UN observer state (Holy See, Palestine),
# Kosovo, Taiwan and Western Sahara.
#   names            names and short names
#   adjectives       demonyms (French in every gender and number): "Ukrainian soldiers"
#   capital_metonyms capitals used for their government ("Moscow said"); not in `names`
#   case_sensitive   match in this exact case only ("US", not "us")
#   ambiguous        also a common word or another actor's name: match with care
# Every name, folded (lowercase, no accents), belongs to one id per language."""


# ---------------------------------------------------------------- validation

NAME_FIELDS = ("names", "adjectives", "capital_metonyms", "case_sensitive", "ambiguous")
ALLOWED = {"id", "kind", "relays", "parent", "governs", "places", *NAME_FIELDS}


def validate(files):
    errors, owners, ids, counts = [], {}, {}, {}
    for path in files:
        data = load_entries(path)
        if not isinstance(data, list):
            errors.append(f"{path}: top level is not a list")
            continue
        for d in data:
            id_ = d.get("id")
            where = f"{Path(path).name}:{id_}"
            if not isinstance(id_, str) or not ID_RE.match(id_):
                errors.append(f"{where}: bad id")
            if id_ in ids:
                errors.append(f"{where}: id also in {ids[id_]}")
            ids[id_] = Path(path).name
            kind = d.get("kind")
            if kind not in KINDS:
                errors.append(f"{where}: bad kind {kind!r}")
            counts[kind] = counts.get(kind, 0) + 1
            for k in d:
                if k not in ALLOWED:
                    errors.append(f"{where}: unknown field {k}")
            if "relays" in d and (kind != "news_agency" or d["relays"] is not True):
                errors.append(f"{where}: relays is for news agencies (true)")
            if not d.get("names"):
                errors.append(f"{where}: no names")
            for field in NAME_FIELDS:
                for lang, names in (d.get(field) or {}).items():
                    if lang not in LANGS:
                        errors.append(f"{where}: {field} has unknown language {lang}")
                    for n in names or []:
                        if not isinstance(n, str) or not n.strip():
                            errors.append(f"{where}: {field}.{lang} has a non-string or empty name {n!r}")
                            continue
                        key = (lang, fold(n))
                        prev = owners.get(key)
                        if prev and prev[0] != id_:
                            errors.append(f"{lang} name {n!r} ({field} of {id_}) is also {prev[2]!r} ({prev[1]} of {prev[0]})")
                        elif not prev:
                            owners[key] = (id_, field, n)
    for d in [x for p in files for x in load_entries(p)]:
        if "parent" in d and d["parent"] not in ids:
            errors.append(f"{d['id']}: parent {d['parent']!r} is not a known id")
    return errors, counts, owners


def dictionary_words():
    """Lowercase words of the system dictionaries (wamerican, wbritish, wfrench), folded, per language."""
    out = {"en": set(), "fr": set()}
    for lang, files in (("en", ["american-english", "british-english"]), ("fr", ["french"])):
        for f in files:
            p = Path("/usr/share/dict") / f
            if p.exists():
                for w in p.read_text(encoding="utf-8", errors="ignore").split():
                    if w[:1].islower():
                        out[lang].add(fold(w))
    return out


def common_word_report(owners):
    """Names in `names` that are also lowercase dictionary words (for review, not an error)."""
    words = dictionary_words()
    if not any(words.values()):
        return []
    hits = []
    for (lang, f), (id_, field, n) in sorted(owners.items()):
        if field in ("names", "capital_metonyms") and n[:1].isupper() and f in words[lang]:
            hits.append(f"{lang} {n!r} ({field} of {id_})")
    return hits


def main():
    if "--check" not in sys.argv:
        entries = build()
        OUT.write_text(dump(entries, HEADER), encoding="utf-8")
        assert load_entries(OUT) == entries, "YAML round trip differs"
        print(f"wrote {OUT} ({len(entries)} entries)")
    files = [OUT] + ([ORGS] if ORGS.exists() else [])
    errors, counts, owners = validate(files)
    for e in errors:
        print("ERROR:", e)
    print("entries by kind:", dict(sorted(counts.items())), "total:", sum(counts.values()))
    per_lang = {l: sum(1 for k in owners if k[0] == l) for l in LANGS}
    print("distinct folded names per language:", per_lang)
    hits = common_word_report(owners)
    if hits:
        print("capitalised names that are also lowercase dictionary words (reviewed by hand):")
        for h in hits:
            print("  ", h)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
