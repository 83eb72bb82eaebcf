"""Countries and regions as data: clause_library/countries.toml, loaded once.

Clauses never carry a list of countries. They read facts computed here (which storage
countries have an EU adequacy decision, whether data leaves Brazil, ...) and print
country names through the filters in `FILTERS` (`{{ countries | with_article }}`).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from telepolicy.generator import cache

DATA_FILE = "countries.toml"


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    spellings: tuple[str, ...]
    the: tuple[str, ...] = ()
    eea: bool = False
    eu_adequacy: str = ""  # "full", "dpf" or ""
    eu_adequacy_scope: str = ""  # whom the decision covers, where it is limited
    consent_age: int | None = None
    age_law: str = ""
    age_unconfirmed: str = ""
    region: str = ""


@dataclass(frozen=True)
class Region:
    id: str
    emergency_numbers: tuple[str, ...]
    country: str = ""
    regulator: Mapping[str, str] | None = None  # name, short, address, phone, web, web_text


@dataclass(frozen=True)
class UsState:
    name: str
    law: str
    in_force: dt.date


@dataclass(frozen=True)
class LawfulAccess:
    """The laws under which a country's authorities demand information or interception, in policy words."""

    demands: str
    intercept: str = ""
    emergency: str = ""
    laws: str = ""


@dataclass(frozen=True)
class Countries:
    countries: tuple[Country, ...]
    regions: Mapping[str, Region]
    us_states: tuple[UsState, ...] = ()
    lawful_access: Mapping[str, LawfulAccess] | None = None
    e_evidence_from: dt.date | None = None

    def find(self, typed: str) -> Country | None:
        """The country a user's spelling names, or None for a country the data does not know."""
        key = typed.strip().lower()
        return next((c for c in self.countries if key in c.spellings), None)

    def by_id(self, country_id: str) -> Country:
        return next(c for c in self.countries if c.id == country_id)


def _country(entry: Mapping[str, Any]) -> Country:
    spellings = tuple(entry["spellings"])
    return Country(
        id=entry["id"],
        name=entry.get("name", spellings[0].title()),
        spellings=spellings,
        the=tuple(entry.get("the", ())),
        eea=bool(entry.get("eea", False)),
        eu_adequacy=entry.get("eu_adequacy", ""),
        eu_adequacy_scope=entry.get("eu_adequacy_scope", ""),
        consent_age=entry.get("consent_age"),
        age_law=entry.get("age_law", ""),
        age_unconfirmed=entry.get("age_unconfirmed", ""),
        region=entry.get("region", ""),
    )


@lru_cache(maxsize=1)
def load_countries() -> Countries:
    """The built-in country data; a broken file is a library bug caught by the tests.

    Parsing the TOML costs more than the rest of loading the rules, so the parsed data is kept in
    the user cache under the file's bytes and the program (generator/cache.py).
    """
    raw = (files("telepolicy.clause_library") / DATA_FILE).read_bytes()
    key = cache.digest(cache.program_key(), raw)
    stored = cache.read_object("countries", key)
    if isinstance(stored, Countries):
        return stored
    countries = _parsed(tomllib.loads(raw.decode("utf-8")))
    cache.write_object("countries", key, countries)
    return countries


def _parsed(data: dict[str, Any]) -> Countries:
    regions = {
        rid: Region(rid, tuple(entry.get("emergency_numbers", ())), entry.get("country", ""), entry.get("regulator"))
        for rid, entry in data.get("region", {}).items()
    }
    states = tuple(UsState(e["name"], e["law"], e["in_force"]) for e in data.get("us_state", ()))
    access = {cid: LawfulAccess(**entry) for cid, entry in data.get("lawful_access", {}).items()}
    e_evidence = data.get("e_evidence", {}).get("applies_from")
    return Countries(tuple(_country(entry) for entry in data["country"]), regions, states, access, e_evidence)


# --- questions about a list of typed country names ----------------------------------------


def in_group(typed: str, group: str) -> bool:
    """Whether a typed country belongs to a group: "eea", "eu_adequate" (full decision),
    "dpf" (partial, certified recipients only), "no_eu_adequacy" (outside the EEA with no
    decision at all) or a country id such as "brazil"."""
    country = load_countries().find(typed)
    if group == "no_eu_adequacy":
        return country is None or not (country.eea or country.eu_adequacy)
    if country is None:
        return False
    if group == "eea":
        return country.eea
    if group == "eu_adequate":
        return country.eu_adequacy == "full"
    if group == "dpf":
        return country.eu_adequacy == "dpf"
    return country.id == group


def select_in(names: Iterable[str], group: str) -> list[str]:
    return [name for name in names if in_group(name, group)]


def select_not_in(names: Iterable[str], group: str) -> list[str]:
    return [name for name in names if not in_group(name, group)]


def with_article(value: Any) -> Any:
    """ "the United States" for "United States"; keeps the spelling the user typed."""
    if isinstance(value, (list, tuple)):
        return [with_article(item) for item in value]
    country = load_countries().find(str(value))
    if country is not None and str(value).strip().lower() in country.the:
        return f"the {value}"
    return value


def adequacy_scopes(names: Iterable[str]) -> list[dict[str, str]]:
    """For countries whose EU adequacy decision covers only some recipients: the name and whom it covers."""
    found = [(name, load_countries().find(name)) for name in names]
    return [{"name": name, "scope": c.eu_adequacy_scope} for name, c in found if c and c.eu_adequacy_scope]


def leaves(names: Iterable[str], country_id: str) -> bool:
    """Whether any storage country lies outside the given country."""
    return bool(select_not_in(names, country_id))


def emergency_numbers(regions: Iterable[str]) -> list[str]:
    """The emergency numbers of the given regions, each once, in region order."""
    found: list[str] = []
    table = load_countries().regions
    for region in regions:
        for number in table[region].emergency_numbers if region in table else ():
            if number not in found:
                found.append(number)
    return found


def us_privacy_states(on: dt.date) -> list[str]:
    """US states (other than California) whose comprehensive privacy law is in force on a date."""
    return [state.name for state in load_countries().us_states if state.in_force <= on]


def lawful_access(typed: str) -> LawfulAccess | None:
    """The lawful-access laws of a country: its own entry, the EEA's for an EEA country without one,
    or None for a country the data does not cover (the policy then uses general words)."""
    country = load_countries().find(typed)
    table = load_countries().lawful_access or {}
    if country is None or country.id == "eu":  # "EU" names no one country's law
        return None
    entry = table.get(country.id) or (table.get("eea") if country.eea else None)
    if entry is None:
        return None
    return LawfulAccess(
        *(
            text.replace("{country}", country.name)
            for text in (entry.demands, entry.intercept, entry.emergency, entry.laws)
        )
    )


def regulators() -> dict[str, Mapping[str, str]]:
    """The authority people complain to, per region that has one in the data."""
    return {rid: region.regulator for rid, region in load_countries().regions.items() if region.regulator}


def eea_consent_ages() -> dict[int, list[Country]]:
    """EEA countries by the age of digital consent their law sets (GDPR Art. 8(1))."""
    ages: dict[int, list[Country]] = {}
    for country in load_countries().countries:
        if country.eea and country.consent_age is not None:
            ages.setdefault(country.consent_age, []).append(country)
    return dict(sorted(ages.items()))


def consent_ages_outside_eea(regions: Iterable[str]) -> list[dict[str, Any]]:
    """The age of digital consent of each served region outside the EEA whose country's own law sets one
    (the UK GDPR's Art. 8), with the country's name and that law, in region order."""
    found: list[dict[str, Any]] = []
    countries, table = load_countries(), load_countries().regions
    for region in regions:
        home = table[region].country if region in table else ""
        country = countries.by_id(home) if home else None
        if country is not None and not country.eea and country.consent_age is not None:
            found.append({"name": country.name, "age": country.consent_age, "law": country.age_law})
    return found


FILTERS = {
    "with_article": with_article,
    "countries_in": select_in,
    "countries_not_in": select_not_in,
}
