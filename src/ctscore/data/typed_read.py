"""Which CSV columns are parsed while reading, and the text of their cells that break a rule.

Reading every cell as text and converting it afterwards holds the whole file as Python-sized
text and costs about as much again to convert. So a category column is read
dictionary-encoded (its distinct texts once, a small code per row), and a number or a date
is parsed by the reader, into the values converting its text gives (bench/README.md). A
column whose cells do not all parse is read as text (``readers._read_csv``), and converted
and checked as before.

Rows breaking a rule are shown with the value as written: for the few columns read as
numbers or days in which some row breaks a rule (``min: 0``, ``unique``...), the file is
read again as text, those columns only, to show it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa

from ctscore.adapters import adapter_of
from ctscore.data.columns import Failure
from ctscore.data.readers import Layout, read_raw
from ctscore.spec.sources import ColumnSpec, Source


def typed_reads(
    source: Source, read: dict[str, ColumnSpec], in_file: dict[str, str]
) -> dict[str, pa.DataType]:
    """The Arrow type to read each file column as, for the columns of a plain table (no
    adapter clean-up or unknown codes) that one ctscore column reads."""
    adapter = adapter_of(source.kind)
    adapted = {in_file.get(name) for name in (*adapter.missing_codes, *adapter.clean)}
    readers: dict[str, list[str]] = {}
    for name in read:
        readers.setdefault(in_file[name], []).append(name)
    types = {}
    for column, names in readers.items():
        if len(names) == 1 and column not in adapted:
            chosen = _arrow_type(read[names[0]])
            if chosen is not None:
                types[column] = chosen
    return types


def _arrow_type(column: ColumnSpec) -> pa.DataType | None:
    if column.type == "category":  # stripped and recoded per distinct text, as before
        return pa.dictionary(pa.int32(), pa.large_string())
    if column.recode:  # recodes work on the text
        return None
    if column.type == "integer":
        return pa.int32()  # then int64 if a value needs it; "2.0", "1e3": read as text
    if column.type == "number":
        return pa.float64()
    if column.type == "date" and not column.format:
        return pa.date32()  # YYYY-MM-DD only; any other text is read as text
    return None


# The rules whose failures show the cell as read (``columns.convert``).
_SHOWING_THE_CELL = ("required", "missing", "type", "allowed", "min", "max", "unique")


def as_written(
    path: Path,
    source: Source,
    shape: Layout,
    in_file: dict[str, str],
    types: dict[str, pa.DataType],
    failures: list[Failure],
) -> list[Failure]:
    """The failures, showing the text of the cells that were parsed while reading."""
    parsed = {c for c, t in types.items() if not pa.types.is_dictionary(t)}

    def reread(failure: Failure) -> bool:
        return failure.rule in _SHOWING_THE_CELL and in_file.get(failure.column) in parsed

    columns = sorted({in_file[f.column] for f in failures if reread(f)})
    if not columns or shape.kind != "csv":
        return failures
    text = read_raw(path, source, shape, columns).frame
    return [
        replace(f, values=text[in_file[f.column]].set_axis(f.values.index)) if reread(f) else f
        for f in failures
    ]
