"""stance under PySpark local[2]: the recipes of docs/distributed.md, run and
checked against a single-process run of the same binary.

    python job.py check STANCE WORKDIR         # the checks (tests/spark/run.sh)
    python job.py bench STANCE WORKDIR LINES   # records/s, one process vs local[2]

Records are made from the repository's gold (the seed quotes with their
claims, the seed articles) and, when ../shared is present, the Emergent
headlines with their claims; each copy gets its own id.
"""

import csv
import json
import os
import shlex
import subprocess
import sys
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from stance_spark import StanceFailed, classify_partitions, extract_partitions  # noqa: E402

EMERGENT = os.path.join(REPO, "..", "shared", "data", "emergent", "train.csv")
CLAIM = "North Korea has sent troops to fight for Russia in Ukraine"
PARTITIONS = 6


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


# The bundled, invented articles and their gold (real article text is not
# kept in the repository).
FIXTURES = ("tests", "fixtures", "heldout")


def texts_and_claims():
    """(text, claim) pairs from the repository's invented test articles'
    gold and, when present, the Emergent headlines."""
    pairs = []
    with open(os.path.join(REPO, *FIXTURES, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                pairs.append((item["text"], item.get("claim") or CLAIM))
    if os.path.exists(EMERGENT):
        with open(EMERGENT, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                pairs.append((row["articleHeadline"], row["claimHeadline"]))
    return pairs


def records(n):
    """n JSON records, `r000001`…, one claim per record."""
    pool = texts_and_claims()
    out = []
    for i in range(n):
        text, claim = pool[i % len(pool)]
        out.append(
            json.dumps(
                {"id": f"r{i + 1:07d}", "text": text, "claim": claim},
                ensure_ascii=False,
            )
        )
    return out


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def single(stance, args, path, codes=(0,)):
    """stance's output on one file in one process, as text."""
    p = subprocess.run([stance, *args, path], capture_output=True)
    if p.returncode not in codes:
        fail(f"{shlex.join([stance, *args, path])} exited {p.returncode}: {p.stderr.decode()}")
    return p.stdout.decode("utf-8")


def session():
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("stance-spark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.task.maxFailures", "1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def fails(action, why):
    """True when running `action` fails the Spark job with `why` in its
    message (so it failed for the reason meant, not another)."""
    try:
        action()
    except Exception as e:  # Py4JJavaError or PythonException from the task
        text = str(e)
        if why not in text:
            print(f"   the job failed, but not with {why!r}: {text[:2000]}")
            return False
        print(f"   (the job failed as it should: ...{why}...)")
        return True
    return False


def ids(lines):
    return [json.loads(line)["id"] for line in lines]


def run_checks(stance, work):
    os.makedirs(work, exist_ok=True)
    missing_rules = os.path.join(os.path.abspath(work), "no-such-rules")
    n = int(os.environ.get("STANCE_SPARK_RECORDS", "20000"))
    clean = records(n)
    non_ascii = sum(1 for r in clean if not r.isascii())
    check(non_ascii > 0, f"{n} records made, {non_ascii} of them with non-ASCII text")
    clean_path = os.path.join(work, "records.jsonl")
    write_lines(clean_path, clean)
    # Data errors: every 1000th record's text is a number (exit 1, answered in place).
    dirty = [
        json.dumps({"id": f"bad-{i}", "text": i}) if i % 1000 == 0 else r
        for i, r in enumerate(clean)
    ]
    dirty_path = os.path.join(work, "dirty.jsonl")
    write_lines(dirty_path, dirty)
    expected = single(stance, ["classify", "-j", "1"], clean_path)
    expected_dirty = single(stance, ["classify", "-j", "1"], dirty_path, codes=(1,))

    spark = session()
    sc = spark.sparkContext
    sc.addFile(stance)
    sc.addPyFile(os.path.join(HERE, "stance_spark.py"))
    binary = os.path.basename(stance)
    started = time.time()

    # 1. RDD.pipe: the absolute path of the shipped binary, arguments as a
    # list joined for PySpark's shlex split, checkCode=True.
    rdd = sc.parallelize(clean, PARTITIONS)
    command = shlex.join([SparkFiles.get(binary), "classify", "-j", "1", "--claim", CLAIM])
    piped = rdd.pipe(command, checkCode=True).glom().collect()
    inputs = rdd.glom().collect()
    check(
        [ids(p) for p in piped] == [ids(p) for p in inputs],
        f"RDD.pipe: {n} answers, each partition's ids in input order",
    )
    check(
        "".join(line + "\n" for p in piped for line in p) == expected,
        "RDD.pipe: byte-identical to one process (non-ASCII text included)",
    )
    missing = shlex.join([SparkFiles.get(binary), "classify", "--rules", missing_rules])
    check(
        fails(lambda: rdd.pipe(missing, checkCode=True).count(), "exited with error code 2"),
        "RDD.pipe with checkCode=True: a configuration error (exit 2) fails the job",
    )
    silent = rdd.pipe(missing).count()
    print(f"   (with checkCode=False the same job 'succeeds' with {silent} lines for {n} records)")

    # 2. mapPartitions: the binary resolved on the executor; exit 1 keeps
    # every record, exit 2 fails the job.
    classify = classify_partitions(["classify", "-j", "1"], binary)
    out = sc.parallelize(dirty, PARTITIONS).mapPartitions(classify).collect()
    errors = [json.loads(line) for line in out if '"error"' in line]
    # An error record names where its line was read (<stdin> and the line in
    # its partition under Spark), so it is compared by id and kind; every
    # other answer byte for byte.
    def comparable(line):
        v = json.loads(line)
        return (v.get("id"), v["kind"]) if "error" in v else line

    check(
        list(map(comparable, out)) == list(map(comparable, expected_dirty.splitlines())),
        f"mapPartitions: data errors (exit 1) lose no record: {len(out)} answers, "
        "the same as one process",
    )
    check(
        [e.get("id") for e in errors] == [f"bad-{i}" for i in range(0, n, 1000)]
        and all(e["kind"] == "field" for e in errors),
        f"mapPartitions: the {len(errors)} error records carry their record's id and kind",
    )
    broken = classify_partitions(["classify", "--rules", missing_rules], binary)
    check(
        fails(lambda: rdd.mapPartitions(broken).count(), f"exited with 2: error: {missing_rules}"),
        "mapPartitions: a configuration error (exit 2) fails the job",
    )

    # 3. --plain through RDD.pipe: every line answered, blank ones included,
    # ids restart per partition but position and text identify each line.
    plain = [json.loads(r)["text"] if i % 97 else "" for i, r in enumerate(clean[:4000])]
    plain_rdd = sc.parallelize(plain, PARTITIONS)
    answers = plain_rdd.pipe(
        shlex.join([SparkFiles.get(binary), "classify", "--plain", "-j", "1"]), checkCode=True
    ).glom().collect()
    matched = all(
        [(a["id"], a["text"]) for a in map(json.loads, out_p)]
        == [(k + 1, t) for k, t in enumerate(in_p)]
        for out_p, in_p in zip(answers, plain_rdd.glom().collect())
    )
    check(matched, "RDD.pipe --plain: each line answered, blank ones included, with its text")

    # 4. DataFrame: rows as JSON through the binary, read back as a DataFrame.
    df = spark.read.schema("id STRING, text STRING, claim STRING").json(clean_path)
    classify = classify_partitions(["classify", "-j", "1"], binary)
    labelled = spark.read.json(df.toJSON().mapPartitions(classify))
    got = {r["id"]: r["label"] for r in labelled.select("id", "label").collect()}
    want = {v["id"]: v["label"] for v in map(json.loads, expected.splitlines())}
    check(
        labelled.count() == n and got == want,
        f"DataFrame (toJSON, mapPartitions, read.json): {n} rows, "
        "each id's label as in one process",
    )

    # 5. JVM API: JavaRDD.pipe with the command as a list (no shell words).
    jrdd = sc._jsc.textFile(clean_path, PARTITIONS)
    argv = sc._gateway.jvm.java.util.ArrayList()
    for a in [SparkFiles.get(binary), "classify", "-j", "1"]:
        argv.add(a)
    jvm_out = list(jrdd.pipe(argv).collect())
    check(
        "".join(line + "\n" for line in jvm_out) == expected,
        "JVM RDD.pipe(List): byte-identical to one process",
    )

    # 6. extract --classify over articles, one folder of them per partition.
    articles_dir = os.path.join(work, "articles")
    os.makedirs(articles_dir, exist_ok=True)
    seeds = sorted(os.listdir(os.path.join(REPO, *FIXTURES, "articles")))
    copies = int(os.environ.get("STANCE_SPARK_ARTICLE_COPIES", "600"))
    pairs = []
    for k in range(copies):
        for name in seeds:
            with open(os.path.join(REPO, *FIXTURES, "articles", name), encoding="utf-8") as f:
                text = f.read()
            doc = f"c{k:04d}_{name}"
            pairs.append((doc, text))
    for doc, text in pairs:
        with open(os.path.join(articles_dir, doc), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    args = ["--classify", "--claim", CLAIM, "-j", "1"]
    expected_quotes = single(stance, ["extract", *args], articles_dir)
    extract = extract_partitions(args, binary)
    quotes = sc.parallelize(pairs, PARTITIONS).mapPartitions(extract).collect()
    check(
        len(quotes) > 10000 and "".join(q + "\n" for q in quotes) == expected_quotes,
        f"extract --classify: {len(quotes)} quote records from {len(pairs)} articles, "
        "byte-identical to one process",
    )
    broken_extract = extract_partitions(["--classify", "--rules", missing_rules], binary)
    check(
        fails(
            lambda: sc.parallelize(pairs[:50], 2).mapPartitions(broken_extract).count(),
            f"exited with 2: error: {missing_rules}",
        ),
        "extract: a configuration error (exit 2) fails the job",
    )
    print(f"spark jobs: {time.time() - started:.1f} s")
    spark.stop()


def bench(stance, work, lines):
    """Records/s for `stance classify -j 1` in one process and under
    local[2] (mapPartitions, one process per partition)."""
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, f"bench-{lines}.jsonl")
    if not os.path.exists(path):
        write_lines(path, records(lines))
    size = os.path.getsize(path)
    # The same texts with no claim of their own, for one `--claim`: what a
    # claim per record costs.
    shared_claim = os.path.join(work, f"bench-{lines}-no-claim.jsonl")
    if not os.path.exists(shared_claim):
        with open(path, encoding="utf-8") as f:
            write_lines(
                shared_claim,
                (
                    json.dumps({"id": v["id"], "text": v["text"]}, ensure_ascii=False)
                    for v in map(json.loads, f)
                ),
            )
    rows = []
    runs = [
        ("one process, -j 1", ["-j", "1", path]),
        ("one process, -j 2", ["-j", "2", path]),
        (
            "one process, -j 1, one `--claim` instead of a claim per record",
            ["-j", "1", "--claim", CLAIM, shared_claim],
        ),
    ]
    for name, args in runs:
        t = time.time()
        with open(os.devnull, "wb") as null:
            subprocess.run([stance, "classify", *args], stdout=null, check=True)
        rows.append((name, time.time() - t))
    spark = session()
    sc = spark.sparkContext
    sc.addFile(stance)
    sc.addPyFile(os.path.join(HERE, "stance_spark.py"))
    binary = os.path.basename(stance)
    sc.parallelize([1], 1).count()  # start the Python workers before timing
    out = os.path.join(work, f"bench-out-{time.time_ns()}")
    t = time.time()
    n = (
        sc.textFile(path, 2)
        .mapPartitions(classify_partitions(["classify", "-j", "1"], binary))
        .count()
    )
    rows.append(("local[2], mapPartitions, count", time.time() - t))
    t = time.time()
    sc.textFile(path, 2).pipe(
        shlex.join([SparkFiles.get(binary), "classify", "-j", "1"]), checkCode=True
    ).saveAsTextFile(out)
    rows.append(("local[2], RDD.pipe, saveAsTextFile", time.time() - t))
    spark.stop()
    if n != lines:
        fail(f"{n} answers for {lines} records")
    print(f"{lines} records, {size / 1e6:.0f} MB")
    for name, secs in rows:
        print(f"| {name} | {secs:.2f} s | {lines / secs / 1e3:.0f}k records/s |")


if __name__ == "__main__":
    mode, stance, work = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    if mode == "check":
        run_checks(stance, work)
    elif mode == "bench":
        bench(stance, work, int(sys.argv[4]))
    else:
        fail(f"unknown mode {mode}")
