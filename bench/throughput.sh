#!/usr/bin/env bash
# Times `trainscope analyze --json` on large generated logs and prints MB/s and peak RSS.
#   bench/throughput.sh [SIZE_MB]            generate (if missing) and measure every family
#   bench/throughput.sh FILE                 measure one existing file
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=1024
if [[ $# -ge 1 && -f "$1" ]]; then files=("$1"); else size_mb=${1:-1024}; files=(); fi

# `dotnet build` takes one project at a time.
for project in src/Trainscope.Cli bench/Trainscope.Benchmarks; do
  dotnet build -c Release "$project" -v q --nologo >/dev/null
done
cli=(dotnet src/Trainscope.Cli/bin/Release/net10.0/trainscope.dll)
data=bench/data
mkdir -p "$data"

if [[ ${#files[@]} -eq 0 ]]; then
  for kind in metriclogger hf jsonl csv; do
    ext=log; [[ $kind == csv ]] && ext=csv; [[ $kind == jsonl ]] && ext=jsonl
    f="$data/${kind}_${size_mb}mb.$ext"
    if [[ ! -f $f ]]; then
      echo "generating $f" >&2
      dotnet bench/Trainscope.Benchmarks/bin/Release/net10.0/Trainscope.Benchmarks.dll generate "$kind" "$size_mb" "$f"
    fi
    files+=("$f")
  done
fi

printf '%-40s %10s %10s %10s %12s\n' file MB seconds MB/s peak_RSS_MB
for f in "${files[@]}"; do
  mb=$(( $(stat -c %s "$f") / 1024 / 1024 ))
  cat "$f" > /dev/null # page cache
  /usr/bin/time -f '%e %M' -o /tmp/trainscope-time "${cli[@]}" analyze --json "$f" > /dev/null
  read -r secs rss_kb < /tmp/trainscope-time
  printf '%-40s %10s %10s %10.0f %12d\n' "$(basename "$f")" "$mb" "$secs" "$(echo "$mb / $secs" | bc -l)" $(( rss_kb / 1024 ))
done
