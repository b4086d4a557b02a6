"""Read a source file into a raw DataFrame, keeping each row's line number in the file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ctscore.spec.sources import Source

LINE = "_line"  # line (CSV) or row (Excel) number of each row in its file, for error messages


def file_format(source: Source) -> str:
    if source.format:
        return source.format
    suffix = Path(source.file).suffix.lower()
    return {
        ".xlsx": "excel",
        ".xlsm": "excel",
        ".xls": "excel",
        ".parquet": "parquet",
        ".pq": "parquet",
    }.get(suffix, "csv")


def header(path: Path, source: Source) -> list[str]:
    """Column names present in the file."""
    kind = file_format(source)
    if kind == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    if kind == "excel":
        frame = pd.read_excel(
            path, sheet_name=source.excel.sheet, nrows=0, header=source.excel.header_row - 1
        )
        return [str(c) for c in frame.columns]
    options = source.csv
    frame = pd.read_csv(
        path, nrows=0, sep=options.delimiter, encoding=options.encoding, skiprows=options.skip_rows
    )
    return [str(c) for c in frame.columns]


def read_raw(path: Path, source: Source, columns: list[str]) -> pd.DataFrame:
    """The named file columns, with text cells as strings and empty cells as missing."""
    kind = file_format(source)
    if kind == "parquet":
        frame = pd.read_parquet(path, columns=columns)
        first_line = 1
    elif kind == "excel":
        frame = pd.read_excel(
            path,
            sheet_name=source.excel.sheet,
            usecols=columns,
            header=source.excel.header_row - 1,
            dtype=object,
        )
        first_line = source.excel.header_row + 1
    else:
        frame = _read_csv(path, source, columns)
        first_line = source.csv.skip_rows + 2 + source.csv.skip_rows_after_header
    frame = frame[columns]
    frame.insert(0, LINE, pd.RangeIndex(first_line, first_line + len(frame)))
    return frame


def _read_csv(path: Path, source: Source, columns: list[str]) -> pd.DataFrame:
    options = source.csv
    after_header = range(
        options.skip_rows + 1, options.skip_rows + 1 + options.skip_rows_after_header
    )
    skip = list(range(options.skip_rows)) + list(after_header)
    return pd.read_csv(
        path,
        sep=options.delimiter,
        encoding=options.encoding,
        skiprows=skip,
        usecols=columns,
        dtype=str,
        keep_default_na=False,
        na_values=["", *options.missing_values],
        engine="c",
    )
