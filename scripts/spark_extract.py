"""Extract campaign events from a JSON Lines file of articles on Spark.

Usage:
    spark_extract.py INPUT.jsonl OUTDIR [--trailmap PATH] [--partitions N]

INPUT holds one article a line, {"id": ..., "date": "YYYY-MM-DD", "text": ...}
(any path Spark reads: a local file, hdfs://..., s3a://...). Each partition
of its lines is piped through one `trailmap extract - --format jsonl --quiet`
process; the lines it prints (one per event and one per unresolved mention)
are saved as text files in OUTDIR/shards/part-*. Then merge them on one
machine into the tables a single run writes:

    trailmap merge OUTDIR/shards/part-* -o events.csv   # + unresolved.csv

An article is never split between partitions (a line is one article), and
events are merged only within an article, so the merge gives the same bytes
as a single `trailmap extract INPUT.jsonl -o events.csv`.

The binary (built for the nodes: same architecture, and a glibc no newer
than theirs, or a musl build) reaches the executors in one of two ways:

  * shipped with the job: `spark-submit --files target/release/trailmap ...`
    (a file so shipped lands in each executor's working directory, and is
    made executable); spark_extract.py finds it there by its name;
  * installed on every node: `--trailmap /opt/trailmap/bin/trailmap`, or
    the default `trailmap` looked up on each node's PATH.

Local run (what scripts/spark-check does):

    spark-submit --master 'local[2]' --files target/release/trailmap \\
        scripts/spark_extract.py articles.jsonl out --partitions 4

On a cluster:

    spark-submit --master yarn --deploy-mode cluster \\
        --files target/release/trailmap \\
        scripts/spark_extract.py hdfs:///news/articles.jsonl hdfs:///news/out

Every partition starts one trailmap process, an empty partition too (for
which `extract -` reads no article and prints nothing). A process that exits
non-zero (a record it cannot read, an internal failure) fails its task, so
Spark retries it and then fails the job: no partition is lost silently; the
process's messages are in that executor's stderr log. OUTDIR/shards must not
exist yet.
"""

import argparse
import os
import shlex

from pyspark import SparkContext, SparkFiles


def trailmap_command(sc, trailmap):
    """The command line that runs trailmap on the executors."""
    name = os.path.basename(trailmap)
    shipped = any(os.path.basename(f) == name for f in sc.listFiles)
    if shipped:
        # Files from --files / addFile: on a cluster in the executor's working
        # directory; in local mode the executor is this process and its copy
        # is in the driver's SparkFiles directory.
        local = sc.master.split("[")[0] == "local"  # not local-cluster[...]
        binary = SparkFiles.get(name) if local else "./" + name
    elif os.sep in trailmap:
        binary = os.path.abspath(trailmap)  # a path present on every node
    else:
        binary = trailmap  # looked up on each node's PATH
    return shlex.join([binary, "extract", "-", "--format", "jsonl", "--quiet"])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines articles (one article a line)")
    p.add_argument("outdir", help="output directory; the shards go to OUTDIR/shards")
    p.add_argument("--trailmap", default="trailmap",
                   help="the binary: a name shipped with --files or on PATH, or a path"
                   " on every node (default: trailmap)")
    p.add_argument("--partitions", type=int, default=None,
                   help="minimum number of input partitions (one trailmap process each)")
    args = p.parse_args()

    sc = SparkContext(appName="trailmap-extract")
    sc.setLogLevel("WARN")
    command = trailmap_command(sc, args.trailmap)
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    lines.pipe(command, checkCode=True).saveAsTextFile(args.outdir.rstrip("/") + "/shards")
    sc.stop()


if __name__ == "__main__":
    main()
