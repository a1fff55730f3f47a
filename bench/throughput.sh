#!/usr/bin/env bash
# Times `trainscope analyze --json` on large generated logs and prints MB/s, the ratio to `wc -l` and peak RSS; on the
# MetricLogger log it also times what users run today: a Python `re` parser (bench/compare/metriclogger_re.py) and
# lnav with a format that extracts every metric (bench/compare/make_lnav_format.py; lnav is installed from apt).
#   bench/throughput.sh [SIZE_MB]            generate (if missing) and measure every family (default 1024 MB)
#   bench/throughput.sh FILE                 measure one existing file
#   COMPARE=0 bench/throughput.sh …          skip the Python and lnav comparisons
#   KINDS="metriclogger" bench/throughput.sh 10240   only these families (metriclogger hf jsonl csv)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=1024
if [[ $# -ge 1 && -f "$1" ]]; then files=("$1"); else size_mb=${1:-1024}; files=(); fi

# The CLI as users install it: published ReadyToRun, so start-up is not JIT time.
dotnet build -c Release bench/Trainscope.Benchmarks -v q --nologo >/dev/null
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v q --nologo \
  -o artifacts/bench-cli src/Trainscope.Cli >/dev/null
cli=(artifacts/bench-cli/trainscope)
data=bench/data
mkdir -p "$data"

if [[ ${#files[@]} -eq 0 ]]; then
  for kind in ${KINDS:-metriclogger hf jsonl csv}; do
    ext=log; [[ $kind == csv ]] && ext=csv; [[ $kind == jsonl ]] && ext=jsonl
    f="$data/${kind}_${size_mb}mb.$ext"
    if [[ ! -f $f ]]; then
      echo "generating $f" >&2
      dotnet bench/Trainscope.Benchmarks/bin/Release/net10.0/Trainscope.Benchmarks.dll generate "$kind" "$size_mb" "$f"
    fi
    files+=("$f")
  done
fi

# Prints one row: what, file, seconds, MB/s, peak RSS; sets $secs.
measure() {
  local what=$1 f=$2; shift 2
  local mb
  mb=$(( $(stat -c %s "$f") / 1024 / 1024 ))
  /usr/bin/time -f '%e %M' -o /tmp/trainscope-time "$@" > /dev/null
  read -r secs rss_kb < /tmp/trainscope-time
  printf '%-22s %-28s %8s %9.2f %9.0f %10d\n' "$what" "$(basename "$f")" "$mb" "$secs" "$(echo "$mb / $secs" | bc -l)" $(( rss_kb / 1024 ))
}

printf '%-22s %-28s %8s %9s %9s %10s\n' tool file MB seconds MB/s peak_RSS_MB
for f in "${files[@]}"; do
  cat "$f" > /dev/null # page cache
  measure "wc -l" "$f" wc -l "$f"; wc_secs=$secs
  measure "trainscope analyze" "$f" "${cli[@]}" analyze --json "$f"; ours=$secs
  printf '%-22s %s\n' "" "trainscope / wc -l = $(echo "$ours / $wc_secs" | bc -l | cut -c1-5)×"
  if [[ ${COMPARE:-1} == 1 && $(basename "$f") == metriclogger* ]]; then
    measure "python re" "$f" python3 bench/compare/metriclogger_re.py "$f"
    printf '%-22s %s\n' "" "python / trainscope = $(echo "$secs / $ours" | bc -l | cut -c1-6)×"
    command -v lnav >/dev/null || { apt-get update -qq && apt-get install -y -qq lnav >/dev/null; }
    lnav_home=$(mktemp -d)
    python3 bench/compare/make_lnav_format.py "$lnav_home/metriclogger.json"
    HOME=$lnav_home lnav -i "$lnav_home/metriclogger.json" >/dev/null
    measure "lnav" "$f" env HOME="$lnav_home" lnav -n -c \
      ';SELECT count(*), min(closs), max(closs), avg(closs), max(grad_norm), max(max_mem) FROM trainscope_metriclogger' "$f"
    printf '%-22s %s\n' "" "lnav / trainscope = $(echo "$secs / $ours" | bc -l | cut -c1-6)×"
    rm -rf "$lnav_home"
  fi
done
