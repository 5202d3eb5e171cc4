"""The same checks inside Apache Spark: ``orderlint.spark.validate(df, column, kind)``.

Built on ``DataFrame.mapInArrow``: each executor's Python worker hands whole Arrow batches
to the engine (``orderlint.validate_arrow``), so there is no Python work per row. The
wheel must be installed on the executors (``--py-files`` carries only pure Python; see
README, "Apache Spark").
"""

from typing import Any, Iterator, Optional

from .arrow import _ISSUE_FIELDS, validate_arrow

#: The report columns added to the DataFrame.
COLUMNS = ("orderlint_valid", "orderlint_errors", "orderlint_warnings", "orderlint_issues")


def _report_fields():
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    issue = StructType([StructField(name, StringType()) for name in _ISSUE_FIELDS])
    return [
        StructField(COLUMNS[0], BooleanType()),
        StructField(COLUMNS[1], LongType()),
        StructField(COLUMNS[2], LongType()),
        StructField(COLUMNS[3], ArrayType(issue)),
    ]


def _report(pa, kind, payloads, kinds):
    """The report table of one batch's payloads: by one kind, or by each row's kind."""
    if kinds is None:
        return validate_arrow(kind, payloads)
    # Rows grouped by their kind (vectorised), checked per group, put back in order.
    pc = pa.compute
    parts, places = [], []
    for k in pc.unique(kinds).to_pylist():
        where = pc.indices_nonzero(pc.is_null(kinds) if k is None else pc.equal(kinds, k))
        parts.append(validate_arrow(k or "auto", payloads.take(where)))
        places.append(where)
    if not parts:
        return validate_arrow("auto", payloads)
    table = pa.concat_tables(parts)
    return table.take(pc.sort_indices(pa.concat_arrays(places)))


def validate(df: Any, column: str, kind: str = "auto", kind_column: Optional[str] = None) -> Any:
    """``df`` with four columns added: ``orderlint_valid``, ``orderlint_errors``,
    ``orderlint_warnings`` and ``orderlint_issues`` (a list of ``{pointer, code, severity,
    message}``), for the JSON payloads in ``column`` (string or binary). ``kind`` names
    the payloads' kind, or ``"auto"`` tells it per row; ``kind_column`` names a column
    holding each row's kind instead (a null there: told from the row)."""
    from pyspark.sql.types import StructType

    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (it has {df.columns})")
    if kind_column is not None and kind_column not in df.columns:
        raise ValueError(f"no column {kind_column!r} in the DataFrame")
    schema = StructType(df.schema.fields + _report_fields())

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa
        import pyarrow.compute  # noqa: F401 - used through pa.compute

        for batch in batches:
            kinds = batch.column(kind_column) if kind_column else None
            report = _report(pa, kind, batch.column(column), kinds)
            arrays = list(batch.columns) + [
                report.column(0).combine_chunks(),
                report.column(1).combine_chunks().cast(pa.int64()),
                report.column(2).combine_chunks().cast(pa.int64()),
                report.column(3).combine_chunks(),
            ]
            yield pa.RecordBatch.from_arrays(arrays, names=list(batch.schema.names) + list(COLUMNS))

    return df.mapInArrow(run, schema)
