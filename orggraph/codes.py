"""Area codes: the official division codes, extended by three digits per tier below community.

* city ``350300`` (six digits ending in ``00``), district ``350304`` (six digits),
  town ``350304100`` (nine), community ``350304100001`` (twelve),
  grid ``350304100001001`` (fifteen), unit ``350304100001001001`` (eighteen).

A subtree is every code starting with the area's *prefix*: the code itself, except for a city whose
districts do not share its trailing ``00`` (``350302`` lies under ``350300``), so its prefix is
``3503``.
"""

from __future__ import annotations

from .errors import InvalidInput

_TIER_BY_LENGTH = {9: "town", 12: "community", 15: "grid", 18: "unit"}


def tier_of(code: str) -> str:
    """The tier a well-formed code belongs to.

    >>> tier_of("350300"), tier_of("350304"), tier_of("350304100001")
    ('city', 'district', 'community')
    """
    check(code)
    if len(code) == 6:
        return "city" if code.endswith("00") else "district"
    return _TIER_BY_LENGTH[len(code)]


def is_well_formed(code: object) -> bool:
    return (isinstance(code, str) and code.isascii() and code.isdigit()
            and (len(code) == 6 or len(code) in _TIER_BY_LENGTH))


def check(code: object, field: str = "code") -> str:
    """Return ``code`` if well formed, else raise :class:`InvalidInput` naming ``field``."""
    if not is_well_formed(code):
        raise InvalidInput(
            f"{code!r} is not an area code",
            errors={field: ["an area code has 6 (city, district), 9 (town), 12 (community), "
                            "15 (grid) or 18 (unit) digits, e.g. 350304100001"]},
        )
    return code  # type: ignore[return-value]


def prefix(code: str) -> str:
    """The prefix every code in the subtree of ``code`` starts with.

    >>> prefix("350300"), prefix("350304"), prefix("350304100")
    ('3503', '350304', '350304100')
    """
    return code[:4] if tier_of(code) == "city" else code


def parent_of(code: str) -> str | None:
    """The parent's code, derived from the code alone (None for a city).

    >>> parent_of("350304100001"), parent_of("350304"), parent_of("350300")
    ('350304100', '350300', None)
    """
    tier = tier_of(code)
    if tier == "city":
        return None
    if tier == "district":
        return code[:4] + "00"
    return code[: len(code) - 3]


_LENGTH = {"district": 6, "town": 9, "community": 12, "grid": 15, "unit": 18}


def ancestor(code: str, tier: str) -> str:
    """The code of the area of ``tier`` that contains ``code`` (``code`` itself at its tier).

    >>> ancestor("350302003007001002", "community"), ancestor("350302003007001002", "city")
    ('350302003007', '350300')
    """
    return code[:4] + "00" if tier == "city" else code[:_LENGTH[tier]]
