#!/bin/sh
# tools/eval_dev.sh REFPARSE [GOLD_DIR]: refparse eval on every *.dev.jsonl in
# GOLD_DIR (default ../shared/gold): one line per set, macro-F1 and
# all-fields-correct. Prints nothing when the directory is absent.
exe=${1:?usage: tools/eval_dev.sh REFPARSE [GOLD_DIR]}
dir=${2:-../shared/gold}
[ -d "$dir" ] || exit 0
for f in "$dir"/*.dev.jsonl; do
  n=$(basename "$f" .dev.jsonl)
  printf '%-16s %s\n' "$n" "$("$exe" eval "$f" 2>/dev/null | grep -E 'macro-F1' | head -1)"
done
