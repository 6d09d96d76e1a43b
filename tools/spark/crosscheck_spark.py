#!/usr/bin/env python3
"""crosscheck on Spark: each partition of a JSON Lines corpus goes through
`crosscheck extract - --format shard`, and each partition's shard is saved
as one `part-NNNNN` file; `crosscheck reconcile` then builds, on one
machine, the report a single run prints.

    # local mode (what tests/spark.rs runs)
    python3 tools/spark/crosscheck_spark.py feed.jsonl shards/ --master 'local[2]' --partitions 4
    # a cluster: ship the binary with the job
    spark-submit --master yarn --files target/release/crosscheck \\
        tools/spark/crosscheck_spark.py hdfs:///feed/*.jsonl hdfs:///shards/ --crosscheck ./crosscheck
    crosscheck reconcile shards/part-* --records N --format json > report.json

It prints `records N` (the non-blank input lines): give it to `reconcile
--records`, which then refuses shards that lost a partition. An empty
partition gets a shard of its own with zero counts, so every partition has
one. Lines go to crosscheck as they are; a line that is not an article is a
skipped entry in its shard (named `stdin:LINE`, LINE within its partition).
"""
import argparse
import shlex
import subprocess
import threading

from pyspark.sql import SparkSession

EMPTY_SHARD = '{"end": {"documents": 0, "skipped": 0, "claims": 0}}'


def extract_partition(command):
    """A function over one partition's lines yielding its shard's lines."""

    def run(lines):
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            yield EMPTY_SHARD
            return
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

        def feed():
            try:
                proc.stdin.write(first + "\n")
                for line in lines:
                    proc.stdin.write(line + "\n")
            finally:
                proc.stdin.close()

        errors = []
        writer = threading.Thread(target=feed)
        writer.start()
        reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))
        reader.start()
        for line in proc.stdout:
            yield line.rstrip("\n")
        writer.join()
        reader.join()
        if proc.wait() != 0:
            raise RuntimeError(
                f"{shlex.join(command)} exited {proc.returncode}: {''.join(errors)[-2000:]}"
            )

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON Lines corpus (a path or a glob Spark reads)")
    ap.add_argument("out", help="folder for the shards (must not exist)")
    ap.add_argument("--partitions", type=int, default=None, help="at least this many partitions")
    ap.add_argument("--crosscheck", default="crosscheck", help="the crosscheck binary on the workers")
    ap.add_argument("--master", default=None, help="Spark master (spark-submit's --master otherwise)")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("crosscheck extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        lines = lines.filter(lambda line: line.strip() != "").cache()
        records = lines.count()
        # Spark runs the partitions side by side: one thread each.
        command = [args.crosscheck, "extract", "-", "--format", "shard",
                   "--stdin-format", "jsonl", "--threads", "1"]
        lines.mapPartitions(extract_partition(command)).saveAsTextFile(args.out)
        print(f"records {records}")
        print(f"partitions {lines.getNumPartitions()}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
