#!/usr/bin/env bash
# Every event/actor/place set on both fixed halves, two at a time; one line per set and half.
# usage: tools/eval_all.sh OUTDIR [SET...]   (sets: events actors location quad police evloc quotes)
# The numbers a commit that can move accuracy quotes before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/eval_all.sh OUTDIR [SET...]}; shift
sets=${*:-events actors location quad police evloc}
ev=${EVENTWIRE_SHARED:-../shared}/eval
mkdir -p "$out"
declare -A file=([events]=$ev/plover-gsr-dev.json [actors]=$ev/plover-gsr-dev.json [location]=$ev/plover-gsr-dev.json
                 [quad]=$ev/quad-dev.tsv [police]=$ev/police-dev [evloc]=$ev/evloc-dev.jsonl [quotes]=$ev/polnear-dev)
for s in $sets; do for h in A B; do echo "$s $h ${file[$s]}"; done; done |
  xargs -P 2 -L 1 bash -c '.venv/bin/eventwire eval "$0" "$2" --half "$1" > "'"$out"'/$0-$1.txt" 2>&1 || echo "FAILED $0 $1"'
for s in $sets; do for h in A B; do echo "== $s $h"; grep -v "^MISS" "$out/$s-$h.txt" | tail -4; done; done
