#!/usr/bin/env bash
# Two call benchmarks of CallBenchmarks measured in interleaved BenchmarkDotNet launches (README, "Performance").
# From the repository root:
#
#   tests/ApigGen.Benchmarks/call-pairs.sh [--pairs N] [--baseline NAME] [--candidate NAME] [--affinity MASK]
#
# BenchmarkDotNet runs every launch of one benchmark before the next benchmark starts, so on a shared machine a busy
# minute lands on one of the two calls only, and the ratio of their means says more about the machine than about the
# code (this machine's launches of the same call differ by up to 1.5x from one minute to the next). This script gives
# both calls the same minutes: N pairs (default 6) of one-launch runs, `--filter '*CallBenchmarks.NAME'`, the two in
# alternating order (baseline first in odd pairs, candidate first in even ones). It prints every launch's mean, the
# ratio within each pair, and the median of those ratios. Defaults: HandWritten against GeneratedToken. --affinity MASK
# pins every benchmark process to the CPUs of MASK (BenchmarkDotNet's --affinity; 2 is the second CPU): on this machine
# the first CPU takes every device interrupt (/proc/interrupts), and slow launches of both calls came on it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pairs=6
baseline=HandWritten
candidate=GeneratedToken
affinity=()

while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --candidate) candidate="$2"; shift 2 ;;
    --affinity) affinity=(--affinity "$2"); shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$pairs" -ge 1 ] || { echo "--pairs must be at least 1" >&2; exit 2; }

cd "$repo"
dotnet build -c Release tests/ApigGen.Benchmarks -nologo -v:q >/dev/null

# One launch of one benchmark; prints its mean in ns (BenchmarkDotNet's CSV report, unit column dropped).
mean_ns() {
  local name="$1" csv="BenchmarkDotNet.Artifacts/results/ApigGen.Benchmarks.CallBenchmarks-report.csv"
  rm -f "$csv"
  dotnet run -c Release --project tests/ApigGen.Benchmarks --no-build -- --filter "*CallBenchmarks.$name" \
    "${affinity[@]}" --exporters csv >/dev/null 2>&1 || { echo "the $name run failed" >&2; exit 1; }
  # The Mean column reads like "810.2 ns" or "1,071.0 ns"; the CSV quotes values that hold a comma.
  python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="")):
    if row["Method"] == sys.argv[2]:
        parts = row["Mean"].replace(",", "").split()
        if len(parts) != 2:
            # "NA": the launch ran no measured iteration (the benchmark threw, or its process failed).
            sys.exit("the " + sys.argv[2] + " launch has no mean (" + row["Mean"] + "): see its log in BenchmarkDotNet.Artifacts")
        print({"ns": 1, "us": 1e3, "μs": 1e3, "ms": 1e6}[parts[1]] * float(parts[0]))
' "$csv" "$name"
}

ratios=()
echo "pair | $baseline (ns) | $candidate (ns) | ratio"
for ((i = 1; i <= pairs; i++)); do
  if ((i % 2)); then
    b="$(mean_ns "$baseline")"; c="$(mean_ns "$candidate")"
  else
    c="$(mean_ns "$candidate")"; b="$(mean_ns "$baseline")"
  fi
  r="$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.3f", c / b }')"
  ratios+=("$r")
  echo "$i | $b | $c | $r"
done
median="$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
echo "median ratio $candidate / $baseline over $pairs pairs: $median"
