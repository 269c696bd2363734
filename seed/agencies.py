"""The agencies the generator gives each city, district and town, and their competences.

Competences follow what such bodies handle in Fujian; which bodies exist in every town is the
generator's choice, documented in ``docs/seed.md``. Agencies carry a synthetic unified social
credit code (GB 32100-2015) whose second character ``1`` marks a government body (机关).
"""

from __future__ import annotations

import hashlib

# (name suffix, kind, categories). The name is the area's name + suffix: 城厢区住建局.
CITY_AND_DISTRICT = (
    ("住建局", "department", ("housing", "public_facility")),
    ("自然资源局", "department", ("land",)),
    ("文旅局", "department", ("public_facility",)),
    ("法院", "court", ("dispute",)),
    ("检察院", "procuratorate", ("dispute",)),
    ("公安局", "police", ("public_security", "dispute")),
    ("卫健局", "department", ("epidemic",)),
    ("应急管理局", "department", ("production_safety",)),
    ("生态环境局", "department", ("environment",)),
    ("司法局", "department", ("dispute",)),
    ("民政局", "department", ("elderly_care",)),
    ("城市管理局", "department", ("public_facility", "environment")),
    ("委政法委", "department", ()),
    ("社会治理指挥中心", "platform_centre", ()),
)
# (name suffix, kind, categories, share of towns that have one).
TOWN = (
    # A few towns have not set up their platform centre yet: their communities can reach a
    # department only through their own pairings, linkages and secondees (a documented gap).
    ("社会治理云平台中心", "platform_centre", (), 0.95),
    ("派出所", "police", ("public_security", "dispute"), 1.0),
    ("综治中心", "station", ("dispute",), 1.0),
    ("司法所", "station", ("dispute",), 0.9),
    ("应急管理办", "station", ("production_safety",), 0.85),
    ("卫生院", "station", ("epidemic",), 0.9),
    ("规划建设办", "station", ("housing", "public_facility"), 0.8),
    ("自然资源所", "station", ("land",), 0.6),
)

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def district_agency_name(area_name: str, suffix: str) -> str:
    # A district's court is 城厢区人民法院 in full; people and the article say 区法院.
    if suffix == "公安局":
        return area_name + "公安分局" if not area_name.endswith("市") else area_name + suffix
    return area_name + suffix


def credit_code(area_code: str, key: str) -> str:
    """A synthetic but well-formed unified social credit code for a government body.

    >>> c = credit_code("350302", "城厢区住建局"); len(c), c[:8]
    (18, '11350302')
    >>> is_valid_credit_code(c)
    True
    """
    digits = str(int(hashlib.sha256(key.encode()).hexdigest(), 16))[:8]
    org = digits + _org_check(digits)
    body = "11" + area_code[:6] + org
    return body + _uscc_check(body)


def is_valid_credit_code(code: str) -> bool:
    return (len(code) == 18 and all(c in _USCC_CHARS for c in code)
            and _uscc_check(code[:17]) == code[17] and _org_check(code[8:16]) == code[16])


def _org_check(body: str) -> str:
    c = 11 - sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def _uscc_check(body: str) -> str:
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(body, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]
