"""Where each CSV record starts in its file, so a message can say "line 7" and be right.

Most CSV files hold one record per line, and then a record's line is simple arithmetic;
counting the file's newlines tells whether that holds. Quoted values that span lines (UCDP's
source texts do) or blank lines shift the numbers; then the file is scanned record by record
with the ``csv`` module, which counts lines as it goes.

The newlines are counted in the same pass that takes the file's SHA-256 (:func:`scan`), so
a CSV source is read twice in all: once by the CSV reader, once by this scan.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ctscore.spec.sources import CsvOptions

_CHUNK = 1 << 22


@dataclass(frozen=True)
class FileScan:
    """What one pass over a file's bytes tells."""

    lines: int  # physical lines, the last counted even without a final newline
    sha256: str  # hex digest of the file's bytes, cited in reports
    nul_line: int | None = None  # line of the first NUL byte (text files have none)


def scan(path: Path) -> FileScan:
    """Count the file's lines, find its first NUL byte and take its SHA-256, reading it once."""
    digest, lines, last, nul_line = hashlib.sha256(), 0, b"", None
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
            if nul_line is None and (nul := chunk.find(b"\0")) >= 0:
                nul_line = lines + chunk.count(b"\n", 0, nul) + 1
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    ending = 1 if last not in (b"", b"\n") else 0
    return FileScan(lines + ending, digest.hexdigest(), nul_line)


def record_lines(
    path: Path, options: CsvOptions, skip_after: int, count: int, lines: int
) -> np.ndarray:
    """Line number of each of the ``count`` data records of a CSV file of ``lines``
    physical lines."""
    first = options.skip_rows + 2 + skip_after
    simple = np.arange(first, first + count)
    if lines == first - 1 + count:
        return simple
    starts = [line for line, _ in records(path, options, skip_after)]
    return np.asarray(starts, dtype="int64") if len(starts) == count else simple


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
