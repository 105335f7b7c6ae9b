"""Run the `stance` binary over Spark partitions, one process per partition.

Ship the binary with the job (`sc.addFile(path)` or `spark-submit --files`)
and this file (`sc.addPyFile`), then:

    rdd.mapPartitions(classify_partitions(["classify", "-j", "1"]))
    df.toJSON().mapPartitions(classify_partitions(["classify", "-j", "1"]))
    pairs.mapPartitions(extract_partitions(["--classify", "-j", "1"]))

The binary is resolved on the executor (`SparkFiles.get`), never on the
driver, so the recipe works where executors run in other folders or on other
machines. Arguments are a list: no shell, no quoting. The exit code is
checked: 0 and 1 (a data error: each bad record is answered in place by an
error record, so nothing is lost) let the task finish; anything else (2: a
usage or configuration error, such as `--rules` naming a missing path) fails
the task with stance's own message, so the job cannot succeed with missing
output.
"""

import os
import subprocess
import tempfile
import threading

from pyspark import SparkFiles

#: stance's exit code for data errors: bad records are answered in place.
DATA_ERROR = 1


class StanceFailed(RuntimeError):
    """stance exited with a usage or configuration error."""


def run_stance(argv, lines):
    """Feeds `lines` (str, without line ends) to `argv` and yields its
    output lines; raises StanceFailed unless it exits 0 or 1."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err
        )
        failed = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # stance stopped early; its exit code says why
            except Exception as e:  # the partition's own iterator failed
                failed.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        read_all = False
        try:
            for raw in proc.stdout:
                yield raw.decode("utf-8").rstrip("\n")
            read_all = True
        finally:
            if not read_all:
                proc.kill()  # the consumer stopped early (e.g. `take`)
                proc.wait()
        writer.join()
        code = proc.wait()
        if failed:
            raise failed[0]
        if code not in (0, DATA_ERROR):
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
            raise StanceFailed(f"{argv[0]} exited with {code}: {message}")


def classify_partitions(args, binary="stance"):
    """A function for `mapPartitions`: each partition's lines (JSON records,
    or text lines with `--plain`) through `stance <args>`."""

    def run(lines):
        yield from run_stance([SparkFiles.get(binary), *args], lines)

    return run


def extract_partitions(args, binary="stance"):
    """A function for `mapPartitions` over (doc, text) pairs: the partition's
    articles are written to a temporary folder, named by doc, and read by
    `stance extract <args> FOLDER`, so each quote's `doc` is the doc given."""

    def run(pairs):
        with tempfile.TemporaryDirectory() as folder:
            count = 0
            for doc, text in pairs:
                path = os.path.join(folder, doc)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                count += 1
            if count:
                argv = [SparkFiles.get(binary), "extract", *args, folder]
                yield from run_stance(argv, iter(()))

    return run
