"""The Python package against the real engine: every snapshot case gives what the npm
module gives (verdict, codes, pointers, messages), and the API behaves as documented."""

import json
import pathlib
import subprocess
import threading

import pytest

import orderlint

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "tests/cases").glob("*/**/*.json"))
NPM = ROOT / "js/pkg/node/orderlint_js.js"


def kind_of(path):
    return path.relative_to(ROOT / "tests/cases").parts[0]


def report_of(run):
    """A report reduced to what must agree, or the error's message."""
    try:
        r = run()
    except ValueError as e:
        return {"error": str(e)}
    return {"valid": r["valid"], "issues": [(i["pointer"], i["code"], i["message"]) for i in r["issues"]]}


@pytest.fixture(scope="module")
def npm_reports():
    """Every case through the npm module, in one Node process."""
    script = """
    const m = require(process.argv[1]);
    const fs = require('fs');
    const out = {};
    for (const [path, kind] of JSON.parse(fs.readFileSync(0, 'utf8'))) {
      try {
        const r = m.validate(kind, fs.readFileSync(path, 'utf8'));
        out[path] = { valid: r.valid, issues: r.issues.map((i) => [i.pointer, i.code, i.message]) };
      } catch (e) {
        out[path] = { error: e.message };
      }
    }
    process.stdout.write(JSON.stringify(out));
    """
    cases = json.dumps([[str(p), kind_of(p)] for p in CASES])
    done = subprocess.run(["node", "-e", script, str(NPM)], input=cases, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_there_are_cases_of_every_kind():
    assert {kind_of(p) for p in CASES} == set(orderlint.kinds())


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(ROOT / "tests/cases")))
def test_each_case_agrees_with_the_npm_module(path, npm_reports):
    text = path.read_text()
    ours = report_of(lambda: orderlint.validate(kind_of(path), text))
    theirs = npm_reports[str(path)]
    if "issues" in theirs:
        theirs["issues"] = [tuple(i) for i in theirs["issues"]]
    assert ours == theirs


ORDER = {"mp_order_number": "1"}


def test_a_payload_as_text_bytes_or_data_gives_one_report():
    as_text = orderlint.validate("feedamp.order", json.dumps(ORDER))
    assert orderlint.validate("feedamp.order", json.dumps(ORDER).encode()) == as_text
    assert orderlint.validate("feedamp.order", ORDER) == as_text
    assert not as_text["valid"]
    first = as_text["issues"][0]
    assert set(first) >= {"pointer", "code", "severity", "message"}
    assert first["code"] == "feedamp.order.sales_channel.required"


def test_misuse_raises_with_a_clear_message():
    with pytest.raises(ValueError, match="kind"):
        orderlint.validate("feedamp.orders", "{}")
    with pytest.raises(ValueError, match="line 2, column 8"):
        orderlint.validate("veeqo.order", '{\n  "a": }')
    with pytest.raises(TypeError, match="JSON"):
        orderlint.validate("veeqo.order", object())
    with pytest.raises(ValueError, match="not UTF-8"):
        orderlint.validate("veeqo.order", b'{"a": "\\xff"}'.replace(b"\\xff", b"\xff"))
    with pytest.raises(TypeError, match="JSON Lines"):
        orderlint.validate_many("veeqo.order", ["{}"])


def test_auto_tells_the_kind():
    r = orderlint.validate("auto", {"order": {"channel_id": 1, "customer_id": 2}})
    assert r["kind"] == "veeqo.order" and r["why"]


def test_many_lines_one_report_each_even_when_broken():
    lines = b'{"mp_order_number": "1"}\n\n{"a": \n\xff\n'
    reports = orderlint.validate_many("feedamp.order", lines)
    assert len(reports) == 3
    assert reports[0]["issues"][0]["code"] == "feedamp.order.sales_channel.required"
    assert reports[1]["issues"] == [dict(reports[1]["issues"][0], code="json.syntax")]
    assert "line 3" in reports[1]["issues"][0]["message"]
    assert "0xff is not UTF-8" in reports[2]["issues"][0]["message"]
    text = lines[: lines.index(b"\xff")].decode()
    assert orderlint.validate_many("feedamp.order", text) == reports[:2]


def test_detect_explain_schema_and_fix():
    assert orderlint.detect({"order": {"line_items_attributes": []}})["kind"] == "veeqo.order"
    entry = orderlint.explain("json.syntax")
    assert entry["code"] == "json.syntax" and entry["severity"] == "error"
    assert orderlint.explain("no.such.code") is None
    assert orderlint.schema("feedamp.order")["$schema"].startswith("https://json-schema.org/")
    fixed = orderlint.fix("feedamp.order", '{"currency": "usd"}')
    assert '"USD"' in fixed["text"]
    assert fixed["fixed"] and fixed["fixed"][0]["pointer"] == "/currency"
    assert "report" in fixed


def test_threads_get_the_same_reports():
    lines = "\n".join(json.dumps(dict(ORDER, mp_order_number=str(i))) for i in range(2000))
    want = orderlint.validate_many("feedamp.order", lines)
    got = [None] * 4

    def run(i):
        got[i] = orderlint.validate_many("feedamp.order", lines)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 4


def _rows(reports):
    """Reports as validate_arrow's rows."""
    rows = []
    for r in reports:
        issues = [{k: i[k] for k in ("pointer", "code", "severity", "message")} for i in r["issues"]]
        count = lambda s: sum(1 for i in r["issues"] if i["severity"] == s)  # noqa: E731
        rows.append({"valid": r["valid"], "errors": count("error"), "warnings": count("warning"), "issues": issues})
    return rows


PAYLOADS = [json.dumps(dict(ORDER, mp_order_number=str(i))) for i in range(50)] + [
    json.dumps(json.loads((ROOT / "samples/feedamp/order.json").read_text())),
    "{not json",
    '{"currency": "usd"}',
]


def _each(payloads):
    """Each payload's report as its own document (a row is at line 1, not at its place)."""
    return _rows(orderlint.validate_many("feedamp.order", p)[0] for p in payloads)


def test_an_arrow_column_gives_each_payload_s_report():
    import pyarrow as pa
    want = _each(PAYLOADS)
    for array in (
        pa.array(PAYLOADS),
        pa.array(PAYLOADS, pa.large_string()),
        pa.array([p.encode() for p in PAYLOADS], pa.binary()),
        pa.chunked_array([PAYLOADS[:10], PAYLOADS[10:]]),
    ):
        table = orderlint.validate_arrow("feedamp.order", array)
        assert table.schema == orderlint.arrow.schema()
        assert table.to_pylist() == want


def test_slices_nulls_and_bytes_that_are_not_utf8():
    import pyarrow as pa
    array = pa.array([b"{}", None, b'{"a": "\xff"}', b"[1]"], pa.binary())
    rows = orderlint.validate_arrow("feedamp.order", array.slice(1)).to_pylist()
    assert rows[0] == {"valid": None, "errors": None, "warnings": None, "issues": None}
    assert rows[1]["issues"][0]["code"] == "json.syntax" and "not UTF-8" in rows[1]["issues"][0]["message"]
    assert rows[2]["valid"] is False and len(rows) == 3
    with pytest.raises(TypeError, match="string or binary"):
        orderlint.validate_arrow("feedamp.order", pa.array([1, 2]))
    assert orderlint.validate_arrow("feedamp.order", pa.chunked_array([], pa.string())).num_rows == 0


def test_a_pandas_series_works_too():
    import pandas as pd
    table = orderlint.validate_arrow("feedamp.order", pd.Series(PAYLOADS[:3]))
    assert table.to_pylist() == _each(PAYLOADS[:3])
