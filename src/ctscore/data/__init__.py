"""load data: read each source's file, convert and check its columns, keep a quality record."""

from ctscore.data.load import LoadedData, QualityIssue, Table, load_data, load_source

__all__ = ["LoadedData", "QualityIssue", "Table", "load_data", "load_source"]
