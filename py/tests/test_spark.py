"""``orderlint.spark.validate`` in a real Spark (pyspark from PyPI, a local JVM) with two
Python worker processes: every row's report must be the CLI's for the same payload."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

# Both are installed by scripts/test (py/requirements-dev.txt, scripts/bootstrap): a
# missing one fails here rather than skipping the test.
import pyspark  # noqa: E402,F401

assert shutil.which("java"), "Spark needs a Java runtime: scripts/bootstrap test installs it"

import orderlint.spark  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = ROOT / "target/release/orderlint"
ORDER = json.loads((ROOT / "samples/feedamp/order.json").read_text())


def payloads(n):
    """n FeedAMP orders, one in seven with the currency in lower case, one in eleven
    without its sales channel, one in thirteen not JSON at all."""
    out = []
    for i in range(n):
        o = json.loads(json.dumps(ORDER))
        o["mp_order_number"] = f"SPARK-{i:05d}"
        if i % 7 == 3:
            o["currency"] = "usd"
        if i % 11 == 5:
            del o["sales_channel"]
        text = json.dumps(o)
        out.append(text[: len(text) // 2] if i % 13 == 8 else text)
    return out


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("orderlint-test")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def reduced(valid, issues):
    return valid, [(i["pointer"], i["code"], i["severity"]) for i in issues or []]


def test_every_row_is_the_cli_s_report(spark, tmp_path):
    assert CLI.exists(), "build the CLI first: cargo build --release --bin orderlint"
    texts = payloads(600)
    path = tmp_path / "orders.jsonl"
    path.write_text("\n".join(texts) + "\n")
    cli = subprocess.run(
        [str(CLI), "validate", "--kind", "feedamp.order", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    want = {}
    for line in cli.stdout.splitlines():
        r = json.loads(line)
        want[texts[r["line"] - 1]] = reduced(r["valid"], r["issues"])
    assert len(want) == len(texts)

    df = spark.read.text(str(path)).repartition(4)
    # The batches are checked in more than one Python worker process.
    def pids(batches):
        import pyarrow as pa

        for b in batches:
            yield pa.RecordBatch.from_arrays([pa.array([os.getpid()] * b.num_rows)], names=["pid"])

    assert df.mapInArrow(pids, "pid long").distinct().count() >= 2
    checked = orderlint.spark.validate(df, "value", "feedamp.order")
    assert checked.columns == ["value", *orderlint.spark.COLUMNS]
    rows = checked.collect()
    assert len(rows) == len(texts)
    for row in rows:
        got = reduced(row.orderlint_valid, [i.asDict() for i in row.orderlint_issues])
        assert got == want[row.value], row.value[:80]
        assert row.orderlint_errors == sum(1 for i in got[1] if i[2] == "error")
    invalid = sum(1 for row in rows if not row.orderlint_valid)
    assert 0 < invalid < len(rows)


def test_a_kind_column_or_auto(spark):
    veeqo = json.dumps({"order": {"channel_id": 1, "customer_id": 2}})
    feedamp = payloads(1)[0]
    data = [(feedamp, "feedamp.order"), (veeqo, "veeqo.order"), (veeqo, None), ("{", "veeqo.order")]
    df = spark.createDataFrame(data, "payload string, kind string")
    rows = orderlint.spark.validate(df, "payload", kind_column="kind").collect()
    for (text, kind), row in zip(data, rows):
        want = orderlint.validate_many(kind or "veeqo.order", text)[0]
        assert reduced(row.orderlint_valid, [i.asDict() for i in row.orderlint_issues]) == reduced(
            want["valid"], want["issues"]
        )
    auto = orderlint.spark.validate(df, "payload").collect()
    assert [r.orderlint_valid for r in auto] == [r.orderlint_valid for r in rows]
    with pytest.raises(ValueError, match="no column"):
        orderlint.spark.validate(df, "body", "veeqo.order")
