"""Read a source file into a raw DataFrame, keeping each row's line number in the file.

CSV files are read with pandas' pyarrow engine, every value as text: on the 1M-row benchmark
it reads about four times faster than the C engine (bench/README.md). Only the
requested columns are read. Excel rows are numbered as Excel numbers them; Parquet rows
from 1.

Blank lines in a CSV file are skipped (the line numbers of the rows after them stay
right). Blank rows *between* an Excel sheet's rows are kept, on purpose: they become rows
whose every cell is missing, so each required column reports them (``empty in 1 row: row
7 ''``) instead of letting a gap in a sheet, often a row whose values were deleted by
mistake, pass unnoticed; with ``on_error: drop`` they are dropped and listed. Blank rows
after the last row are not rows. A sheet whose columns are all ``required: false`` keeps
its blank rows as rows without values, and a count counts them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from ctscore.adapters import adapter_of
from ctscore.data.lines import (
    FileScan,
    first_ragged_record,
    record_lines,
    scan,
    undecodable_line,
)
from ctscore.errors import did_you_mean
from ctscore.spec.sources import Source

LINE = "_line"  # line (CSV) or row (Excel, Parquet) of each row in its file, for messages
CSV_ENGINE: Literal["pyarrow", "c"] = "pyarrow"  # "c" is the other choice; bench/read.py times both
FOLDER = "is a folder, not a file; give the path of the data file"
_DELIMITERS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}
_SUFFIXES = {
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xls": "excel",
    ".parquet": "parquet",
    ".pq": "parquet",
}


class ReadError(Exception):
    """The file cannot be read at all; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Layout:
    """What a file holds before its rows are read."""

    kind: str  # csv, excel or parquet
    names: list[str]  # column names in the file
    header_line: int  # line (CSV) or row (Excel) of the header
    skip_after: int = 0  # CSV records skipped right after the header (e.g. HXL tags)
    unit: str = "line"  # what a row's position is called: line (CSV) or row


@dataclass(frozen=True)
class RawRead:
    """A file's requested columns as read, and the SHA-256 of its bytes."""

    frame: pd.DataFrame
    sha256: str


def file_format(source: Source) -> str:
    return source.format or _SUFFIXES.get(Path(source.file).suffix.lower(), "csv")


def layout(path: Path, source: Source) -> Layout:
    """Column names and header position; ReadError when the file cannot be read."""
    kind = file_format(source)
    if path.is_dir():
        raise ReadError(FOLDER)
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return Layout(kind, list(pq.read_schema(path).names), 1, unit="row")
        if kind == "excel":
            return _excel_layout(path, source)
        return _csv_layout(path, source)
    except (UnicodeDecodeError, ValueError, pa.ArrowException, OSError) as error:
        raise _read_error(path, source, error) from None


def read_raw(
    path: Path,
    source: Source,
    shape: Layout,
    columns: list[str],
    types: dict[str, pa.DataType] | None = None,
) -> RawRead:
    """The named file columns, with empty cells as missing, and ``_line`` first; and the
    file's SHA-256, taken in the pass that counts a CSV file's lines.

    CSV values are text, except those of the columns ``types`` gives an Arrow type whose
    every cell parses as that type (see :func:`_read_csv`); Excel and Parquet values keep
    the types the file gives them, a Parquet date as a datetime64 column.
    """
    columns = list(dict.fromkeys(columns))  # two ctscore columns may read one file column
    try:
        whole = scan(path)
        if shape.kind == "parquet":
            frame = _read_parquet(path, columns)
            lines: Sequence[int] | np.ndarray = range(1, len(frame) + 1)
        elif shape.kind == "excel":
            frame = _read_excel(path, source, columns)
            lines = range(shape.header_line + 1, shape.header_line + 1 + len(frame))
        else:
            _refuse_nul(whole, source)
            frame = _read_csv(path, source, shape, columns, types or {})
            lines = record_lines(path, source.csv, shape.skip_after, len(frame), whole.lines)
    except (UnicodeDecodeError, ValueError, pa.ArrowException, OSError) as error:
        raise _read_error(path, source, error, shape) from None
    frame = frame[columns]
    frame.insert(0, LINE, np.asarray(lines, dtype=_line_type(len(frame) + shape.header_line)))
    return RawRead(frame, whole.sha256)


def _line_type(last: int) -> type:
    return np.int32 if last < 2**31 - 1 else np.int64


def delimiter_hint(shape: Layout, source: Source, wanted: list[str]) -> str | None:
    """When a CSV header split by another common delimiter names more of the ``wanted``
    columns than it does as read, which delimiter to set."""
    if shape.kind != "csv":
        return None

    def found(names: list[str]) -> int:
        return len(set(wanted) & set(names))

    best, most = None, found(shape.names)
    for delimiter in _DELIMITERS:
        parts = [part.strip() for name in shape.names for part in name.split(delimiter)]
        if delimiter != source.csv.delimiter and found(parts) > most:
            best, most = delimiter, found(parts)
    if best is None:
        return None
    written = '"\\t"' if best == "\t" else f"'{best}'"
    return f"the header looks {_DELIMITERS[best]}-separated; set `csv: {{delimiter: {written}}}`"


def _csv_layout(path: Path, source: Source) -> Layout:
    options = source.csv
    top = pd.read_csv(
        path,
        nrows=1,
        sep=options.delimiter,
        encoding=options.encoding,
        skiprows=options.skip_rows,
        dtype=str,
        keep_default_na=False,
    )
    skip_after = options.skip_rows_after_header
    if skip_after is None:
        skippable = adapter_of(source.kind).skip_row_after_header
        skip = skippable is not None and len(top) > 0 and skippable(list(top.iloc[0]))
        skip_after = 1 if skip else 0
    return Layout("csv", [str(c) for c in top.columns], options.skip_rows + 1, skip_after)


def _read_csv(
    path: Path, source: Source, shape: Layout, columns: list[str], types: dict[str, pa.DataType]
) -> pd.DataFrame:
    """The columns as text, except those ``types`` names: a category column is read
    dictionary-encoded (a pandas Categorical of the same texts), a number or a day
    (date32, ``YYYY-MM-DD`` only) parsed while reading. The values are those the text would
    give after typing; when a cell of a typed column does not parse, that column is read
    again as text, so checking it finds and reports the cell as before."""
    import pyarrow.csv as pacsv

    options = source.csv
    if len(set(shape.names)) != len(shape.names) or not set(columns) <= set(shape.names):
        return _read_csv_with_pandas(path, source, shape, columns)
    wanted = {c: types.get(c, pa.large_string()) for c in columns}
    read = pacsv.ReadOptions(
        skip_rows=options.skip_rows,
        skip_rows_after_names=shape.skip_after,
        encoding=options.encoding,
    )
    while True:
        convert = pacsv.ConvertOptions(
            include_columns=columns,
            column_types=wanted,
            null_values=["", *options.missing_values],
            strings_can_be_null=True,
        )
        try:
            table = pacsv.read_csv(
                path,
                read_options=read,
                parse_options=pacsv.ParseOptions(delimiter=options.delimiter),
                convert_options=convert,
            )
            break
        except pa.ArrowInvalid as error:
            column = _unparsed_column(error, shape.names)
            if column is None or wanted.get(column, pa.large_string()) == pa.large_string():
                raise
            wider = pa.int64() if wanted[column] == pa.int32() else pa.large_string()
            wanted[column] = wider  # int32 overflows: int64; else the text
    owned = [table]
    del table  # _to_pandas holds the only reference, so it can free the columns it converts
    return _to_pandas(owned)


def _unparsed_column(error: pa.ArrowInvalid, names: list[str]) -> str | None:
    """The file column named by pyarrow's 'In CSV column #2: CSV conversion error'."""
    found = re.match(r"In CSV column #(\d+): CSV conversion error", str(error))
    index = int(found.group(1)) if found else -1
    return names[index] if 0 <= index < len(names) else None


def _to_pandas(owned: list[pa.Table]) -> pd.DataFrame:
    """Days as datetime64[us], as pandas parses their text; whole numbers as int32 when
    every one fits (half the memory; sums are taken in float64 and int64 all the same).
    The table is handed over in a list it is taken out of: while a caller still held it,
    no column could be freed before the whole conversion ended (the file held twice)."""
    table = owned.pop()
    for index, column in enumerate(table.schema):
        if pa.types.is_date(column.type):
            day = table.column(index).cast(pa.timestamp("us"))
            table = table.set_column(index, column.name, day)
        elif pa.types.is_int64(column.type) and _fits_int32(table.column(index)):
            table = table.set_column(index, column.name, table.column(index).cast(pa.int32()))
    # self_destruct frees each Arrow column once converted: the file is not held twice.
    frame = table.to_pandas(date_as_object=False, self_destruct=True, split_blocks=True)
    del table
    # Arrow's allocator keeps freed pages for reuse; give them back (the reader's buffers
    # would otherwise stay in the process's memory until it ends).
    pa.default_memory_pool().release_unused()
    return frame


def _fits_int32(values: pa.ChunkedArray) -> bool:
    import pyarrow.compute as pc

    low, high = pc.min_max(values).values()
    return low.as_py() is None or _within_int32(low.as_py(), high.as_py())


def _read_parquet(path: Path, columns: list[str]) -> pd.DataFrame:
    """The columns, a batch at a time, so that whole numbers that fit (by the file's
    statistics) are held as int32 and days as timestamps before the next batch is read:
    the file's int64 columns are never all in memory at once."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as file:
        narrow = _int32_by_statistics(file, columns)
        batches = [
            _narrowed(batch, narrow)
            for batch in file.iter_batches(batch_size=1 << 20, columns=columns)
        ]
        schema = file.schema_arrow
    if not batches:
        return _to_pandas([schema.empty_table().select(columns)])
    owned = [pa.Table.from_batches(batches)]
    batches.clear()  # the table holds the only reference: to_pandas frees it as it goes
    return _to_pandas(owned)


def _int32_by_statistics(file, columns: list[str]) -> set[str]:
    """The int64 columns whose every row group's statistics lie within int32."""
    schema, meta = file.schema_arrow, file.metadata
    index = {meta.schema.column(i).path: i for i in range(meta.num_columns)}
    wanted = {c for c in columns if pa.types.is_int64(schema.field(c).type) and c in index}
    for group in range(meta.num_row_groups):
        for column in list(wanted):
            stats = meta.row_group(group).column(index[column]).statistics
            if stats is None or not stats.has_min_max or not _within_int32(stats.min, stats.max):
                wanted.discard(column)
    return wanted


def _narrowed(batch: pa.RecordBatch, narrow: set[str]) -> pa.RecordBatch:
    arrays = []
    for name, array in zip(batch.schema.names, batch.columns, strict=True):
        if name in narrow:
            array = array.cast(pa.int32())
        elif pa.types.is_date(array.type):
            array = array.cast(pa.timestamp("us"))
        arrays.append(array)
    return pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)


def _within_int32(low, high) -> bool:
    return low >= -(2**31) and high < 2**31


def _read_csv_with_pandas(
    path: Path, source: Source, shape: Layout, columns: list[str]
) -> pd.DataFrame:
    """Every value as text; for headers pyarrow reads otherwise (repeated names, which
    pandas numbers 'a.1')."""
    options = source.csv
    frame = pd.read_csv(
        path,
        sep=options.delimiter,
        encoding=options.encoding,
        skiprows=options.skip_rows,
        usecols=columns,
        dtype=str,
        keep_default_na=False,
        na_values=["", *options.missing_values],
        engine=CSV_ENGINE,
    )
    if shape.skip_after:
        frame = frame.iloc[shape.skip_after :].reset_index(drop=True)
    return frame


def _excel_layout(path: Path, source: Source) -> Layout:
    options = source.excel
    with pd.ExcelFile(path) as book:
        sheets = [str(name) for name in book.sheet_names]
        sheet = options.sheet
        if isinstance(sheet, str) and sheet not in sheets:
            raise ReadError(
                f"sheet '{sheet}' not found{did_you_mean(sheet, sheets)}; the workbook has: "
                + ", ".join(sheets)
            )
        if isinstance(sheet, int) and sheet >= len(sheets):
            raise ReadError(
                f"sheet {sheet} not found (sheets count from 0); the workbook has "
                f"{len(sheets)}: " + ", ".join(sheets)
            )
        top = pd.read_excel(book, sheet_name=sheet, nrows=0, header=options.header_row - 1)
    return Layout("excel", [str(c) for c in top.columns], options.header_row, unit="row")


def _read_excel(path: Path, source: Source, columns: list[str]) -> pd.DataFrame:
    wanted = set(columns)
    frame = pd.read_excel(
        path,
        sheet_name=source.excel.sheet,
        header=source.excel.header_row - 1,
        usecols=lambda name: str(name) in wanted,
        dtype=object,
    )
    frame.columns = [str(c) for c in frame.columns]
    return frame


def _refuse_nul(whole: FileScan, source: Source) -> None:
    """A NUL byte has no place in a text file: the file is binary, or not in its encoding."""
    wide = codecs.lookup(source.csv.encoding).name.startswith(("utf-16", "utf-32"))
    if whole.nul_line is not None and not wide:
        raise ReadError(
            "NUL byte (0x00) in the file: a CSV file holds text; is it a binary file (an Excel "
            "workbook named .csv?) or saved in another encoding (csv: {encoding: utf-16})?",
            whole.nul_line,
        )


def _read_error(path: Path, source: Source, error: Exception, shape: Layout | None = None):
    if isinstance(error, ReadError):
        return error
    if isinstance(error, FileNotFoundError):
        return ReadError("file not found")
    if isinstance(error, IsADirectoryError):
        return ReadError(FOLDER)
    if isinstance(error, pd.errors.EmptyDataError) and file_format(source) == "csv":
        return ReadError(_nothing_to_read(source))
    if isinstance(error, OSError):
        return ReadError(f"cannot read the file: {error.strerror or error}")
    if file_format(source) == "csv":
        encoding = source.csv.encoding
        bad_byte = undecodable_line(path, encoding)
        if bad_byte:
            return ReadError(
                f"cannot read the file as {encoding}: {bad_byte[1]}; give the file's encoding "
                "on the source, e.g. csv: {encoding: latin-1}",
                bad_byte[0],
            )
        if shape is not None:
            ragged = first_ragged_record(path, source.csv, shape.skip_after, len(shape.names))
            if ragged:
                return ReadError(
                    f"this row has {ragged[1]} fields but the header has {len(shape.names)} "
                    f"(a value with the delimiter '{source.csv.delimiter}' in it needs quotes)",
                    ragged[0],
                )
    return ReadError(f"cannot read the file: {str(error).strip()}")


def _nothing_to_read(source: Source) -> str:
    skipped = source.csv.skip_rows
    if skipped:
        lines = "first line" if skipped == 1 else f"first {skipped} lines"
        return f"no header line after the {lines}, skipped by 'skip_rows: {skipped}'"
    return "the file is empty; a CSV source needs a header line, then one line per row"
