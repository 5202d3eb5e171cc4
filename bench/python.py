"""Bench 8: the Python package and Spark on the throughput corpus (bench/run python).

Rows per second per core: `validate_many` and `validate_arrow` on one core, and Spark
(`orderlint.spark.validate`, local[N]) over the same JSON Lines, beside the CLI with
`--jobs 1`. Best of three; figures, not pass/fail.
"""

import json
import os
import pathlib
import subprocess
import sys
import time

import pyarrow as pa

import orderlint
import orderlint.spark

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "target/tmp/bench-corpus.jsonl"
CLI = ROOT / "target/release/orderlint"


def best(fn, rounds=3):
    fn()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    text = CORPUS.read_text()
    lines = [l for l in text.splitlines() if l.strip()]
    n, mb = len(lines), len(text.encode()) / 1e6
    column = pa.array(lines)
    cores = os.cpu_count() or 1
    rows = []
    cli = best(lambda: subprocess.run([str(CLI), "validate", "--kind", "feedamp.order", "--format", "json", "--jobs", "1", str(CORPUS)], capture_output=True))
    rows.append(("orderlint CLI, 1 core (`--jobs 1`)", cli, 1))
    rows.append(("Python `validate_many` (str), 1 core", best(lambda: orderlint.validate_many("feedamp.order", text)), 1))
    rows.append(("Python `validate_arrow`, 1 core", best(lambda: orderlint.validate_arrow("feedamp.order", column)), 1))

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("orderlint-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.text(str(CORPUS)).repartition(cores).cache()
    df.count()
    spark_s = best(lambda: orderlint.spark.validate(df, "value", "feedamp.order").agg({"orderlint_errors": "sum"}).collect())
    spark.stop()
    rows.append((f"Spark `orderlint.spark.validate`, local[{cores}]", spark_s, cores))

    print(f"corpus: {n} FeedAMP orders, {mb:.1f} MB (target/tmp/bench-corpus.jsonl); best of 3; {cores} cores")
    print("| contender | rows/s | rows/s per core | MB/s |")
    print("|---|---:|---:|---:|")
    for name, seconds, used in rows:
        print(f"| {name} | {n / seconds:,.0f} | {n / seconds / used:,.0f} | {mb / seconds:.1f} |")


if __name__ == "__main__":
    main()
