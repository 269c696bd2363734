"""Reading through a month's points ranking page by page, as the web page's 积分榜 does: each
page computed afresh (as before the cache), against pages cut from one computation kept under
its version (``orggraph.caching``), interleaved in the same run. The first page with the cache
pays the computation and the version's read; the pages after it pay the version's read alone.

    python -m bench.ranking_pages [--samples 7] [--pages 5] [--reload]

Both must give every page alike, or the run stops.
"""

from __future__ import annotations

import click

from orggraph.auth import Caller
from orggraph.caching import VersionedCache
from orggraph.paging import PageRequest
from orggraph.stats import leader_ranking

from .common import machine, median, report, timed
from .ranking import MONTH, store_with_may

AREAS = [("350300", "莆田市"), ("350302", "城厢区"), ("350302003", "霞林街道")]
PAGE_SIZE = 50  # the web page's (RANKING_PAGE in api/web/static/app.js)


@click.command()
@click.option("--samples", default=7, show_default=True)
@click.option("--pages", default=5, show_default=True, help="Pages read in each round.")
@click.option("--reload", is_flag=True, help="Wipe the bench server and load Putian first.")
def main(samples: int, pages: int, reload: bool) -> None:
    store = store_with_may(reload)
    caller = Caller.of("bench", "analyst", None, name="bench")
    try:
        rows = []
        for code, name in AREAS:
            cache: VersionedCache = VersionedCache()
            times: dict[str, list[float]] = {k: [] for k in
                                             ("fresh_first", "kept_first", "fresh_next",
                                              "kept_next")}
            for i in range(samples + 1):  # the first round warms the server and is not kept
                cache.clear()
                for n in range(1, pages + 1):
                    page = PageRequest(n, PAGE_SIZE)
                    t_fresh, fresh = timed(leader_ranking, store, caller, page, within=code,
                                           month=MONTH)
                    t_kept, kept = timed(leader_ranking, store, caller, page, within=code,
                                         month=MONTH, cache=cache)
                    if (fresh["items"], fresh["total"]) != (kept["items"], kept["total"]):
                        raise click.ClickException(f"page {n} of {name} differs")
                    if i:
                        which = "first" if n == 1 else "next"
                        times[f"fresh_{which}"].append(t_fresh * 1000)
                        times[f"kept_{which}"].append(t_kept * 1000)
            p50 = {k: round(median(v), 2) for k, v in times.items()}
            ratio = {"first": round(p50["fresh_first"] / p50["kept_first"], 2),
                     "next": round(p50["fresh_next"] / p50["kept_next"], 1)}
            rows.append({"within": code, "name": name, "leaders": fresh["total"],
                         "p50_ms": p50, "fresh_over_kept": ratio})
            click.echo(f"{name} {fresh['total']:>6} leaders {p50} fresh/kept {ratio}", err=True)
    finally:
        store.close()
    report("ranking_pages", {"machine": machine(), "month": MONTH, "samples": samples,
                             "pages": pages, "page_size": PAGE_SIZE, "areas": rows})


if __name__ == "__main__":
    main()
