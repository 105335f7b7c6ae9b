#!/usr/bin/env python3
"""Build the stand-off item list of the FNC-1 real-quote gold.

Reads ../shared/data/fnc1/ (from the project root), groups article bodies into
stories (bodies linked by a shared headline), picks one claim per story (its
most linked headline), splits stories into two halves by a hash of the story
key, and lists every direct quotation `stance extract` finds in the chosen
bodies. The output holds ids, body ids, byte offsets and claims only: no
article text. Labels are added by annotators following gold/README.md.

    python3 gold/fnc1/build_items.py --stance target/release/stance --out items.jsonl

With --view FILE it also writes an annotation view (quote text and its
paragraph, read from ../shared) for annotators; that file holds article text
and must stay outside the repository.
"""
import argparse, collections, csv, hashlib, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FNC1 = os.path.join(ROOT, "..", "shared", "data", "fnc1")
STORIES_PER_HALF = 40
BODIES_PER_STORY = 2
QUOTES_PER_BODY = 6
MIN_WORDS = 4


def stories(pairs):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find("h:" + p["Headline"])] = find("b:" + p["Body ID"])
    groups = collections.defaultdict(list)
    for p in pairs:
        groups[find("b:" + p["Body ID"])].append(p)
    out = []
    for ps in groups.values():
        bodies = sorted({int(p["Body ID"]) for p in ps})
        links = collections.Counter(p["Headline"].strip() for p in ps)
        claim = sorted(links.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        key = str(bodies[0])
        half = "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "test"
        out.append({"story": key, "claim": claim, "bodies": bodies, "half": half})
    out.sort(key=lambda s: hashlib.sha1(s["story"].encode()).hexdigest())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stance", required=True, help="path to the stance binary")
    ap.add_argument("--out", required=True)
    ap.add_argument("--view", help="annotation view with text (keep outside the repository)")
    a = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    pairs = list(csv.DictReader(open(os.path.join(FNC1, "train_stances_related.csv"), encoding="utf-8")))
    bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(open(os.path.join(FNC1, "train_bodies.csv"), encoding="utf-8"))}
    tmp = tempfile.mkdtemp()
    items, view = [], []
    taken = collections.Counter()
    for s in stories(pairs):
        if taken[s["half"]] >= STORIES_PER_HALF:
            continue
        chosen = []
        for b in s["bodies"]:
            path = os.path.join(tmp, f"{b}.txt")
            with open(path, "wb") as f:
                f.write(bodies[str(b)].encode("utf-8"))
            out = subprocess.run([a.stance, "extract", path],
                                 capture_output=True, check=True).stdout.decode("utf-8")
            qs = [json.loads(l) for l in out.splitlines() if l.strip()]
            qs = [q for q in qs if len(q["text"].split()) >= MIN_WORDS][:QUOTES_PER_BODY]
            if len(qs) >= 2:
                chosen.append((b, qs))
            if len(chosen) == BODIES_PER_STORY:
                break
        if not chosen:
            continue
        taken[s["half"]] += 1
        for b, qs in chosen:
            raw = bodies[str(b)].encode("utf-8")
            for n, q in enumerate(qs, 1):
                iid = f"f{b}-{n:02d}"
                items.append({"id": iid, "doc": str(b), "story": s["story"], "half": s["half"],
                              "start": q["start"], "end": q["end"], "claim": s["claim"]})
                text = raw.decode("utf-8")
                bstart = len(raw[:q["start"]].decode("utf-8"))
                para_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, bstart)))
                para_end = text.find("\n", len(raw[:q["end"]].decode("utf-8")))
                view.append({"id": iid, "story": s["story"], "claim": s["claim"],
                             "quote": q["text"], "context": text[max(0, para_start):para_end if para_end > 0 else None].strip(),
                             "article": f"{b}"})
    with open(a.out, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    if a.view:
        with open(a.view, "w", encoding="utf-8") as f:
            for v in view:
                f.write(json.dumps(v, ensure_ascii=False) + "\n")
    halves = collections.Counter(i["half"] for i in items)
    print(f"{len(items)} items from {sum(taken.values())} stories: {dict(halves)}", file=sys.stderr)


if __name__ == "__main__":
    main()
