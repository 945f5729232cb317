#!/usr/bin/env bash
# Chooses the CLINC150 out-of-scope threshold of the N7 n-gram ensemble by 5-fold cross-validation on train.jsonl
# alone, then scores the ensemble trained on all of train.jsonl on val.jsonl at that threshold.
#
# Rule, fixed before anything was scored: pool the five held-out folds' predictions at each threshold of the grid
# and take the lowest threshold whose pooled OOS recall is at least MIN_OOS_RECALL (default 0.60); the in-scope
# accuracy is whatever that threshold gives. val.jsonl is read once, at the end.
#
#   bench/scripts/clinc-cv.sh [OUT_DIR]     (default /tmp/clinc-cv; LANES=2 trains two members at once)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/tmp/clinc-cv}
data=${DATA:-$here/../shared/data/clinc150}
jar=${JAR:-$here/services/target/chatbot.jar}
lanes=${LANES:-2}
min_recall=${MIN_OOS_RECALL:-0.60}
grid=${GRID:-0.01,0.015,0.02,0.025,0.03,0.035,0.04,0.045,0.05,0.06,0.07,0.08,0.1,0.15}
java=${JAVA:-java}
mkdir -p "$out"

# N7: the linear member L, then six ReLU members (docs/benchmarks.md, "n-gram ensemble members").
members=(
  "ng1|"
  "ngh256aug|--hidden 256 --typo-rate 0.15 --word-dropout 0.1 --epochs 15 --seed 3"
  "ngh128|--hidden 128 --seed 5"
  "ngh256lr03|--hidden 256 --lr 0.03 --epochs 15 --seed 8"
  "ngh256|--hidden 256 --seed 5"
  "ngh256e20|--hidden 256 --epochs 20 --seed 9"
  "ngh512|--hidden 512 --seed 4"
)

# Folds: line n of train.jsonl is held out in fold n % 5.
for k in 0 1 2 3 4; do
  awk -v k=$k 'NR % 5 != k' "$data/train.jsonl" > "$out/fold$k-train.jsonl"
  awk -v k=$k 'NR % 5 == k' "$data/train.jsonl" > "$out/fold$k-held.jsonl"
done

jobs_file="$out/jobs.txt"
: > "$jobs_file"
for set in full fold0 fold1 fold2 fold3 fold4; do
  train=$data/train.jsonl
  [ "$set" = full ] || train=$out/$set-train.jsonl
  for m in "${members[@]}"; do
    name=${m%%|*}; args=${m#*|}
    [ -f "$out/$set/$name/config.json" ] && continue
    echo "$java -jar $jar nlu train --kind ngram $args --data $train --out $out/$set/$name > $out/$set-$name.log 2>&1" >> "$jobs_file"
  done
done
echo "clinc-cv: $(wc -l < "$jobs_file") members to train, $lanes at a time" >&2
start=$(date +%s)
xargs -P "$lanes" -I{} bash -c '{}' < "$jobs_file"
echo "clinc-cv: trained in $(( $(date +%s) - start )) s" >&2

ensemble() {  # the --model/--ensemble arguments of one set
  local dir=$1 first=1 m name
  for m in "${members[@]}"; do
    name=${m%%|*}
    if [ $first = 1 ]; then printf -- '--model %s ' "$dir/$name"; first=0; else printf -- '--ensemble %s ' "$dir/$name"; fi
  done
}

for k in 0 1 2 3 4; do
  $java -Dai.djl.offline=true -jar "$jar" nlu evaluate $(ensemble "$out/fold$k") --data "$out/fold$k-held.jsonl" \
    --oos-threshold 0 --sweep "$grid" > "$out/fold$k-eval.json" 2> "$out/fold$k-eval.log"
done

# Pool the folds: in-scope correct and OOS caught, counted back from each fold's rates and sizes.
for k in 0 1 2 3 4; do
  oos=$(grep -c '"intent": *"oos"' "$out/fold$k-held.jsonl" || true)
  all=$(wc -l < "$out/fold$k-held.jsonl")
  jq -c --argjson oos "$oos" --argjson ins $((all - oos)) \
    '.sweep[] | {t: .oosThreshold, ins: $ins, oos: $oos, insOk: (.inScopeAccuracy * $ins), oosOk: (.oosRecall * $oos)}' \
    "$out/fold$k-eval.json"
done | jq -s --argjson min "$min_recall" '
  group_by(.t) | map({threshold: .[0].t,
      inScopeAccuracy: ((map(.insOk) | add) / (map(.ins) | add)),
      oosRecall: ((map(.oosOk) | add) / (map(.oos) | add))})
  | {cv: ., chosen: (map(select(.oosRecall >= $min - 1e-9)) | min_by(.threshold) | .threshold)}' > "$out/cv.json"
chosen=$(jq -r '.chosen' "$out/cv.json")
[ "$chosen" != null ] || { echo "clinc-cv: no threshold of the grid reaches OOS recall $min_recall" >&2; exit 1; }
echo "clinc-cv: cross-validated threshold $chosen" >&2
jq -c '.cv[]' "$out/cv.json" >&2

$java -Dai.djl.offline=true -jar "$jar" nlu evaluate $(ensemble "$out/full") --data "$data/val.jsonl" \
  --oos-threshold "$chosen" --sweep "$grid" > "$out/val-eval.json" 2> "$out/val-eval.log"
jq -c '{threshold: .oosThreshold, inScopeAccuracy, oosRecall, macroF1, accuracy}' "$out/val-eval.json"
