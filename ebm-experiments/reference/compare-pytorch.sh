#!/bin/sh
# Alternates the PyTorch reference and our JMH benchmark in one window, so that the machine's
# swings (20-30% between minutes here) hit both: compare the ratio within each round.
# Usage, from the repository root after `mvn -B -q -o package -DskipTests`:
#   ebm-experiments/reference/compare-pytorch.sh rbm [rounds]   # CD-1 784x500, float and double
#   ebm-experiments/reference/compare-pytorch.sh mlp [rounds]   # MLP steps, float, 4 estimators
set -e
family=${1:?"rbm or mlp"}
rounds=${2:-3}
reference=$(dirname "$0")
target=ebm-experiments/target
jmh() {
  java --add-modules jdk.incubator.vector -cp "$target/ebm-experiments.jar:$target/lib/*" \
    org.openjdk.jmh.Main "$@" -f 1 -wi 3 -w 2s -i 5 -r 2s 2>/dev/null \
    | awk '/^[A-Za-z]+Benchmark\.[a-z]+ / {
        params = ""; for (i = 2; i <= NF - 6; i++) params = params " " $i
        print "ours:", $(NF-3), $NF, "(" substr(params, 2) ")" }'
}
round=1
while [ "$round" -le "$rounds" ]; do
  echo "round $round, $(date -u +%H:%M:%S) UTC"
  case $family in
    rbm)
      for pair in float32:FLOAT float64:DOUBLE; do
        "$reference/run-pytorch.sh" pytorch_rbm_cd1.py --dtype "${pair%%:*}" --updates 300 \
          --repetitions 3
        jmh RbmCdBenchmark -p engine=cpu -p batchSize=100 -p path=shortcut \
          -p precision="${pair##*:}"
      done ;;
    mlp)
      for estimator in dsm ssm exact cd-20; do
        "$reference/run-pytorch.sh" pytorch_mlp_steps.py --estimator "$estimator" --seconds 2 \
          --repetitions 3
        jmh NeuralScoreMatchingBenchmark -p precision=FLOAT -p estimator="$estimator"
      done ;;
    *) echo "unknown family '$family': rbm or mlp" >&2; exit 2 ;;
  esac
  round=$((round + 1))
done
