"""The governance model's vocabulary: tiers, kinds, categories and roles.

English keys are used in code and the API; the Chinese labels go to data and the UI.
"""

from __future__ import annotations

from types import MappingProxyType

# The six tiers, top down. Each area has exactly one parent one tier up (the city has none).
TIERS: tuple[str, ...] = ("city", "district", "town", "community", "grid", "unit")
TIER_LABELS = MappingProxyType({
    "city": "市", "district": "区县", "town": "镇街",
    "community": "村居", "grid": "网格", "unit": "单元",
})
# Neo4j label per tier, besides the common label ``Area``. A fixed allow-list: labels never come
# from request values.
TIER_NODE_LABELS = MappingProxyType({
    "city": "City", "district": "District", "town": "Town",
    "community": "Community", "grid": "Grid", "unit": "Unit",
})

UNIT_KINDS = MappingProxyType({
    "building": "楼栋", "shop": "店铺", "department": "科室", "school": "学校",
    "enterprise": "企业", "households": "村民片区", "facility": "公共设施",
})
GRID_KINDS = MappingProxyType({
    "compound": "小区", "street": "街区", "hospital": "医院", "school": "学校", "village": "自然村",
})

PARTY_ORG_KINDS = MappingProxyType({
    "committee": "党委", "working_committee": "党工委", "branch": "党支部", "group": "党小组",
    "agency_committee": "机关党委", "agency_branch": "机关党支部",
})
# Which kind of Party org mirrors which tier (a subdistrict has a working committee instead).
PARTY_ORG_KIND_BY_TIER = MappingProxyType({
    "city": "committee", "district": "committee", "town": "committee",
    "community": "committee", "grid": "branch", "unit": "group",
})

CATEGORIES = MappingProxyType({
    "dispute": "矛盾纠纷",
    "production_safety": "安全生产",
    "epidemic": "疫情防控",
    "housing": "住房",
    "land": "土地",
    "public_facility": "公共设施",
    "environment": "生态环境",
    "public_security": "社会治安",
    "elderly_care": "养老服务",
})

LEADER_ROLES = MappingProxyType({
    "unit_leader": "单元长", "grid_leader": "网格长", "secretary": "书记",
})

SECONDMENT_ROLES = MappingProxyType({
    "staff": "职能部门人员",
    "npc_deputy": "人大代表",
    "party_congress_deputy": "党代表",
    "cppcc_member": "政协委员",
    "judge": "法官",
    "prosecutor": "检察官",
    "police": "民警",
    "lawyer": "律师",
})

AGENCY_KINDS = MappingProxyType({
    "department": "职能部门", "court": "法院", "procuratorate": "检察院",
    "police": "公安", "platform_centre": "社会治理云平台中心", "station": "站所",
})

# What the coverage analysis reports (orggraph.analyses.coverage), in the order it lists them.
GAP_KINDS: tuple[str, ...] = (
    "unit_without_leader", "unit_without_party_group", "grid_without_leader",
    "grid_without_branch", "community_without_pairing", "leader_overloaded",
    "category_unreachable")


def tier_index(tier: str) -> int:
    """Position of ``tier`` in :data:`TIERS` (city is 0)."""
    return TIERS.index(tier)


def child_tier(tier: str) -> str | None:
    i = tier_index(tier)
    return TIERS[i + 1] if i + 1 < len(TIERS) else None
