"""People of the seed: leaders, secretaries, agency staff, deputies."""

from __future__ import annotations

import random

from . import names


def person(rng: random.Random, pid: str, *, name: str | None = None, party: float = 0.6,
           age: tuple[int, int] = (30, 68), retired: float = 0.1) -> dict:
    """A person row. Phone numbers are synthetic (the 19900 block is not issued)."""
    birth = 2023 - rng.randint(*age)
    return {
        "id": pid,
        "name": name or names.person(rng),
        "gender": rng.choice(("男", "女")),
        "birth_year": birth,
        "phone": f"19900{rng.randint(0, 999999):06d}",
        "party_member": rng.random() < party,
        "retired_cadre": rng.random() < retired,
    }


def date_between(rng: random.Random, start: str, end: str) -> str:
    """An ISO date between two ISO dates (same year-month granularity is enough here)."""
    y0, m0, _ = map(int, start.split("-"))
    y1, m1, _ = map(int, end.split("-"))
    months = (y1 - y0) * 12 + (m1 - m0)
    k = rng.randint(0, max(months, 0))
    y, m = y0 + (m0 - 1 + k) // 12, (m0 - 1 + k) % 12 + 1
    return f"{y:04d}-{m:02d}-{rng.randint(1, 28):02d}"
