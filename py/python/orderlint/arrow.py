"""Whole Arrow columns of payloads at once: ``validate_arrow(kind, array)``.

The payloads' buffers go to the engine as they are (one copy per chunk, none per row), and
the reports come back as flat buffers that become the table's columns: no Python object
is made per row, so a million payloads cost about what the engine costs.
"""

from typing import Any

from ._orderlint import _validate_buffers

_ISSUE_FIELDS = ("pointer", "code", "severity", "message")


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.compute
    except ImportError as e:  # pragma: no cover - the message is the point
        raise ImportError("orderlint.validate_arrow needs pyarrow: pip install pyarrow") from e
    return pyarrow


def schema():
    """The table ``validate_arrow`` returns: one row per payload, null where it was null."""
    pa = _pyarrow()
    issue = pa.struct([(name, pa.string()) for name in _ISSUE_FIELDS])
    return pa.schema(
        [
            ("valid", pa.bool_()),
            ("errors", pa.uint32()),
            ("warnings", pa.uint32()),
            ("issues", pa.list_(issue)),
        ]
    )


def _chunk(pa, kind, array):
    wide = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    if not (wide or pa.types.is_string(array.type) or pa.types.is_binary(array.type)):
        raise TypeError(
            f"payloads must be an Arrow string or binary array, not {array.type}"
        )
    validity, offsets, data = array.buffers()[:3]
    n = len(array)
    valid, errors, warnings, issue_offsets, count, strings = _validate_buffers(
        kind,
        data.to_pybytes() if data is not None else b"",
        offsets.to_pybytes(),
        wide,
        validity.to_pybytes() if validity is not None else None,
        array.offset,
        n,
    )
    buf = pa.py_buffer
    texts = [
        pa.Array.from_buffers(pa.string(), count, [None, buf(o), buf(d)]) for o, d in strings
    ]
    issues = pa.ListArray.from_arrays(
        pa.Array.from_buffers(pa.int32(), n + 1, [None, buf(issue_offsets)]),
        pa.StructArray.from_arrays(texts, names=list(_ISSUE_FIELDS)),
    )
    columns = [
        pa.Array.from_buffers(pa.uint8(), n, [None, buf(valid)]).cast(pa.bool_()),
        pa.Array.from_buffers(pa.uint32(), n, [None, buf(errors)]),
        pa.Array.from_buffers(pa.uint32(), n, [None, buf(warnings)]),
        issues,
    ]
    if array.null_count:
        missing = array.is_null()
        columns = [pa.compute.if_else(missing, pa.scalar(None, c.type), c) for c in columns]
    return pa.Table.from_arrays(columns, schema=schema())


def validate_arrow(kind: str, array: Any):
    """Validates every payload of an Arrow string or binary array (a ``ChunkedArray`` too,
    or a pandas ``Series``): a ``pyarrow.Table`` of ``valid``, ``errors``, ``warnings``
    and ``issues`` (a list of ``{pointer, code, severity, message}``), one row per
    payload, in order. A null payload gives a null row; text that is not JSON, a row with
    one ``json.syntax`` error."""
    pa = _pyarrow()
    if not isinstance(array, (pa.Array, pa.ChunkedArray)):
        array = pa.array(array, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        tables = [_chunk(pa, kind, c) for c in array.chunks]
        return pa.concat_tables(tables) if tables else schema().empty_table()
    return _chunk(pa, kind, array)
