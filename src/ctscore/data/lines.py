"""Where each CSV record starts in its file, so a message can say "line 7" and be right.

Most CSV files hold one record per line, and then a record's line is simple arithmetic;
counting the file's newlines tells whether that holds. Quoted values that span lines (UCDP's
source texts do) or blank lines shift the numbers; then the file is scanned record by record
with the ``csv`` module, which counts lines as it goes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ctscore.spec.sources import CsvOptions


def record_lines(path: Path, options: CsvOptions, skip_after: int, count: int) -> np.ndarray:
    """Line number of each of the ``count`` data records of a CSV file."""
    first = options.skip_rows + 2 + skip_after
    simple = np.arange(first, first + count)
    if physical_lines(path) == first - 1 + count:
        return simple
    starts = [line for line, _ in records(path, options, skip_after)]
    return np.asarray(starts, dtype="int64") if len(starts) == count else simple


def physical_lines(path: Path) -> int:
    """Number of lines in a file, the last counted even without a final newline."""
    lines, last = 0, b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (1 if last not in (b"", b"\n") else 0)


def records(path: Path, options: CsvOptions, skip_after: int) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each data record: after the header and the rows skipped after
    it, leaving out blank lines as the readers do."""
    with path.open(encoding=options.encoding, newline="") as handle:
        for _ in range(options.skip_rows):
            handle.readline()
        reader = csv.reader(handle, delimiter=options.delimiter)
        end = 0
        for index, fields in enumerate(reader):
            start, end = end + 1, reader.line_num
            if index > skip_after and fields:
                yield options.skip_rows + start, fields


def first_ragged_record(
    path: Path, options: CsvOptions, skip_after: int, width: int
) -> tuple[int, int] | None:
    """(line, number of fields) of the first record whose field count differs from the
    header's, or None."""
    for line, fields in records(path, options, skip_after):
        if len(fields) != width:
            return line, len(fields)
    return None


def undecodable_line(path: Path, encoding: str) -> tuple[int, str] | None:
    """(line, reason) of the first byte the encoding cannot decode, or None."""
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        return data.count(b"\n", 0, error.start) + 1, f"byte 0x{byte} is not valid {encoding}"
    return None
