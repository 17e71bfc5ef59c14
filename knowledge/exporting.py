"""Writing every entry to a file in the format its extension names (the import formats)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from knowledge.entries import FaqEntryData
from knowledge.importing import FORMATS

CSV_COLUMNS = ("id", "title", "body", "scenario_answer", "aliases", "tags", "category", "lang",
               "status", "verify_by", "version", "created_at", "updated_at")


class ExportError(Exception):
    pass


def export_entries(entries: Sequence[FaqEntryData], path: Path) -> None:
    """Written to a temporary file beside the target and renamed, so a failure leaves no half file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: unknown file type {suffix or '(none)'}; use one of "
                          f"{', '.join(FORMATS)}")
    records = [entry.to_record() for entry in entries]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError as error:
        raise ExportError(f"{path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            _WRITERS[suffix](records, out)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"{path}: {error.strerror or error}") from None
        raise


def _write_jsonl(records: list[dict[str, Any]], out: Any) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_json(records: list[dict[str, Any]], out: Any) -> None:
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _write_csv(records: list[dict[str, Any]], out: Any) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in records:
        row = dict(record)
        row["aliases"] = "|".join(record["aliases"])
        row["tags"] = "|".join(record["tags"])
        writer.writerow({key: ("" if value is None else value) for key, value in row.items()})


def _write_yaml(records: list[dict[str, Any]], out: Any) -> None:
    yaml.safe_dump(records, out, allow_unicode=True, sort_keys=False, width=120)


_WRITERS = {".jsonl": _write_jsonl, ".json": _write_json, ".csv": _write_csv,
            ".yaml": _write_yaml, ".yml": _write_yaml}
