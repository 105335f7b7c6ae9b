#!/usr/bin/env bash
# Whole-process throughput and memory of `stance`, against the grep reference
# of docs/performance.md. Builds its inputs under target/bench/ from
# ../shared (Emergent headlines and the seed articles), then
# times each command on the same file in one run.
#
#   bash benches/whole-process.sh            # 2M headline lines, 60 MB of articles
#   (one article file is read up to 64 MiB, so ARTICLE_MB stays below 64)
#   LINES=20000000 bash benches/whole-process.sh   # the 20M-line memory check
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-2000000}
ARTICLE_MB=${ARTICLE_MB:-60}
out=target/bench
mkdir -p "$out"
cargo build --release --quiet
S=target/release/stance

headlines=$out/headlines-$LINES.txt
if [ ! -s "$headlines" ]; then
  emergent=../shared/data/emergent/train.csv
  [ -f "$emergent" ] || { echo "needs $emergent for the headline input" >&2; exit 2; }
  python3 - "$emergent" "$LINES" "$headlines" <<'PY'
import csv, sys
src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
heads = [r['articleHeadline'].replace('\n', ' ') for r in csv.DictReader(open(src, encoding='utf-8'))]
with open(dst, 'w', encoding='utf-8') as f:
    for i in range(n):
        f.write(heads[i % len(heads)] + '\n')
PY
fi

seeds=../shared/seeds
[ -d "$seeds" ] || { echo "needs $seeds for the article input" >&2; exit 2; }
articles=$out/articles-${ARTICLE_MB}mb.txt
if [ ! -s "$articles" ]; then
  python3 - "$ARTICLE_MB" "$articles" <<'PY'
import glob, sys
mb, dst = int(sys.argv[1]), sys.argv[2]
text = ''.join(open(p, encoding='utf-8').read() + '\n\n' for p in sorted(glob.glob('../shared/seeds/*.txt')))
with open(dst, 'w', encoding='utf-8') as f:
    written = 0
    while written < mb * 1024 * 1024:
        f.write(text); written += len(text.encode('utf-8'))
PY
fi

# The same text as many article files (the realistic case: one file an article).
adir=$out/articles-${ARTICLE_MB}mb
if [ ! -d "$adir" ]; then
  mkdir -p "$adir"
  python3 - "$ARTICLE_MB" "$adir" <<'PY'
import glob, os, sys
mb, dst = int(sys.argv[1]), sys.argv[2]
arts = [open(p, encoding='utf-8').read() for p in sorted(glob.glob('../shared/seeds/*.txt'))]
written, i = 0, 0
while written < mb * 1024 * 1024:
    a = arts[i % len(arts)]
    with open(os.path.join(dst, f'{i:06d}.txt'), 'w', encoding='utf-8') as f:
        f.write(a)
    written += len(a.encode('utf-8')); i += 1
PY
fi

# The reference: GNU grep with the 48 refuting and hedging words of the
# Emergent/FNC-1 baselines.
cues=$out/cues.txt
printf '%s\n' fake fraud hoax false deny denies not despite nope doubt doubts bogus debunk pranks retract \
  alleged allegedly apparently appear appears claim claims could evidently largely likely mainly may maybe \
  might mostly perhaps presumably probably purported purportedly reported reportedly rumor rumour rumors \
  rumours rumored rumoured says seem somewhat unconfirmed >"$cues"

measure() { # name, command...
  local name=$1; shift
  local t0 t1 usage rss code
  t0=$(date +%s.%N)
  # Output goes to a file, not /dev/null: GNU grep stops at the first match
  # when its output is /dev/null.
  usage=$( { /usr/bin/time -f '%M %x' "$@" >"$out/last.out"; } 2>&1 | tail -1 ) || true
  t1=$(date +%s.%N)
  read -r rss code <<<"$usage"
  # grep -c exits 1 when nothing matches; anything else failing is no figure.
  if [ "$code" != 0 ] && ! { [ "$1" = grep ] && [ "$code" = 1 ]; }; then
    echo "$name: exit $code, no figure (see $out/last.out)" >&2
    exit 1
  fi
  python3 -c "import sys; t=$t1-$t0; print(f'{sys.argv[1]:<48} {t:7.2f} s   peak RSS {int(sys.argv[2])/1024:7.1f} MB', end='')" "$name" "$rss"
  echo
}

bytes=$(stat -c %s "$headlines")
echo "input: $LINES headline lines ($((bytes / 1024 / 1024)) MB); $(nproc) cores"
measure "grep -c -F -i -w -f cues.txt" grep -c -F -i -w -f "$cues" "$headlines"
measure "stance classify --plain -j 1" "$S" classify --plain -j 1 "$headlines"
measure "stance classify --plain -j 2" "$S" classify --plain -j 2 "$headlines"
measure "stance classify --plain (all cores)" "$S" classify --plain "$headlines"

claim='North Korea has sent troops to fight for Russia in Ukraine'
abytes=$(stat -c %s "$articles")
echo "input: $((abytes / 1024 / 1024)) MB of article text in one file (the seed articles repeated)"
measure "stance extract" "$S" extract "$articles"
measure "stance extract | stance classify --claim" bash -c "$S extract $articles | $S classify --claim '$claim' --format json"
measure "stance extract --classify --claim (one pass)" "$S" extract --classify --claim "$claim" "$articles"
echo "input: the same text as $(ls "$adir" | wc -l) article files"
measure "stance extract DIR" "$S" extract "$adir"
measure "stance extract --classify --claim DIR" "$S" extract --classify --claim "$claim" "$adir"
