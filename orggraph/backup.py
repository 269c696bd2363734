"""Backup and restore of the whole graph, and its fingerprint.

A backup is gzip-compressed JSON Lines: a header, then one line per node (its backup id,
labels, properties), then one per relationship (its ends' backup ids, type, properties).
Dates and times are written as ``{"$date": ISO}`` and ``{"$datetime": ISO}``, so nothing is
lost. A restore writes into an empty database (or replaces everything with ``replace``) in
batches, and checks the counts it wrote against the header.

The fingerprint (counts and a SHA-256 over the sorted canonical lines of every node and
relationship, identified by their content rather than internal ids) is the same for two graphs
exactly when they hold the same nodes, relationships and properties.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import IO, Any

from .errors import InvalidInput

FORMAT = "orggraph-backup"
VERSION = 1


def encode(value: Any) -> Any:
    """A property value as JSON, keeping dates and times typed."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def _encoded(props: dict) -> dict:
    return {k: encode(v) for k, v in props.items()}


def _split(props: dict) -> dict:
    """Encoded properties -> plain ones and the typed ones by kind, as the restore statements
    take them (times as strings: the driver packs strings far faster than datetimes)."""
    plain, datetimes, dates = {}, {}, {}
    for k, v in props.items():
        if isinstance(v, dict) and "$datetime" in v:
            datetimes[k] = v["$datetime"]
        elif isinstance(v, dict) and "$date" in v:
            dates[k] = v["$date"]
        else:
            plain[k] = v
    return {"props": plain, "datetimes": datetimes, "dates": dates}


def export(store, out: IO[bytes], *, progress: Callable[[int], None] | None = None) -> dict:
    """Write the whole graph to ``out`` (a binary file); returns the header written."""
    counts = store.read_one("backup/count_all")
    header = {"format": FORMAT, "version": VERSION,
              "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **counts}
    with gzip.GzipFile(fileobj=out, mode="wb") as z:
        z.write(_line(header))
        for n in store.stream("backup/list_nodes"):
            z.write(_line({"n": n["id"], "labels": sorted(n["labels"]),
                           "props": _encoded(n["props"])}))
            if progress:
                progress(1)
        for r in store.stream("backup/list_relationships"):
            z.write(_line({"r": [r["start"], r["end"]], "type": r["type"],
                           "props": _encoded(r["props"])}))
            if progress:
                progress(1)
    return header


def restore(store, source: IO[bytes], *, replace: bool = False, batch_size: int = 5000,
            progress: Callable[[int], None] | None = None) -> dict:
    """Read a backup into the database, which must be empty unless ``replace``."""
    from .store.schema import apply_schema

    header = _check(source)  # the whole file, before anything stored is touched
    source.seek(0)
    lines = _lines(source)
    next(lines)
    existing = store.read_one("backup/count_all")
    if existing["nodes"] and not replace:
        raise InvalidInput(f"the database holds {existing['nodes']:,} nodes; restore into an "
                           "empty one, or pass --replace to delete them first",
                           errors={"database": ["empty"]})
    if existing["nodes"]:
        store.run_auto("backup/delete_everything")
    apply_schema(store)
    store.run_auto("backup/create_restoring_index")
    store.run_schema("admin/await_indexes")
    written = _write(store, lines, batch_size, progress)
    store.run_auto("backup/finish_restore")
    store.run_auto("backup/drop_restoring_index")
    return {**written, "exported_at": header.get("exported_at")}


def _write(store, lines: Iterator[dict], batch_size: int,
           progress: Callable[[int], None] | None) -> dict:
    """Write a backup's nodes, then its relationships, ``batch_size`` to a transaction:
    {"nodes": n, "relationships": m}."""
    written = {"nodes": 0, "relationships": 0}
    batch: list[dict] = []
    kind = "nodes"

    def flush() -> None:
        if batch:
            statement = "backup/create_nodes" if kind == "nodes" else \
                "backup/create_relationships"
            store.write(statement, rows=batch)
            written[kind] += len(batch)
            if progress:
                progress(len(batch))
            batch.clear()

    for item in lines:
        if "r" in item:
            if kind == "nodes":
                flush()
                kind = "relationships"
            batch.append({"start": item["r"][0], "end": item["r"][1], "type": item["type"],
                          **_split(item["props"])})
        else:
            batch.append({"id": item["n"], "labels": item["labels"], **_split(item["props"])})
        if len(batch) >= batch_size:
            flush()
    flush()
    return written


def _check(source: IO[bytes]) -> dict:
    """The header of a whole, readable backup; refuses a truncated or foreign file."""
    lines = _lines(source)
    header = next(lines, None)
    if not header or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise InvalidInput("not an orggraph backup (version 1): the first line names neither",
                           errors={"file": ["a file written by orggraph export"]})
    seen = {"nodes": 0, "relationships": 0}
    for item in lines:
        seen["relationships" if "r" in item else "nodes"] += 1
    expected = {"nodes": header.get("nodes"), "relationships": header.get("relationships")}
    if seen != expected:
        raise InvalidInput(f"the backup is incomplete: its header counts {expected}, its lines "
                           f"{seen}; nothing was changed", errors={"file": ["a whole backup"]})
    return header


def fingerprint(store) -> dict:
    """Counts, and a SHA-256 of the graph's content (independent of internal ids)."""
    node_hash: dict[str, str] = {}
    lines: list[str] = []
    labels: dict[str, int] = {}
    for n in store.stream("backup/list_nodes"):
        line = _canonical([sorted(n["labels"]), _encoded(n["props"])])
        node_hash[n["id"]] = hashlib.sha256(line.encode()).hexdigest()
        lines.append(line)
        for label in n["labels"]:
            labels[label] = labels.get(label, 0) + 1
    rels = 0
    for r in store.stream("backup/list_relationships"):
        lines.append(_canonical([node_hash[r["start"]], r["type"], node_hash[r["end"]],
                                 _encoded(r["props"])]))
        rels += 1
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode())
        digest.update(b"\n")
    return {"nodes": len(node_hash), "relationships": rels, "labels": dict(sorted(labels.items())),
            "sha256": digest.hexdigest()}


def _line(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _lines(source: IO[bytes]) -> Iterator[dict]:
    try:
        with gzip.GzipFile(fileobj=source, mode="rb") as z:
            for number, raw in enumerate(z, 1):
                try:
                    yield json.loads(raw)
                except json.JSONDecodeError:
                    raise InvalidInput(f"line {number} of the backup is not JSON",
                                       errors={"file": [f"line {number}"]}) from None
    except (OSError, EOFError) as e:
        raise InvalidInput(f"the backup cannot be read: {e}",
                           errors={"file": ["a gzip file written by orggraph export"]}) from None
