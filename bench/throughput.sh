#!/usr/bin/env bash
# Times `trainscope analyze --json` on large generated logs and prints MB/s, the ratio to `wc -l` and peak RSS; on the
# MetricLogger log it also times what users run today: a Python `re` parser (bench/compare/metriclogger_re.py) and
# lnav with a format that extracts every metric (bench/compare/make_lnav_format.py; lnav is installed from apt).
#   bench/throughput.sh [SIZE_MB]            generate (if missing) and measure every family (default 1024 MB)
#   bench/throughput.sh FILE                 measure one existing file
#   COMPARE=0 bench/throughput.sh …          skip the Python and lnav comparisons
#   KINDS="metriclogger" bench/throughput.sh 10240   only these families (metriclogger hf jsonl csv)
#   CLI_BUILD=r2r bench/throughput.sh …      time the ReadyToRun build instead of Native AOT
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=1024
if [[ $# -ge 1 && -f "$1" ]]; then files=("$1"); else size_mb=${1:-1024}; files=(); fi

# The CLI as users install it: published Native AOT, which starts in tens of milliseconds and reads as fast as
# ReadyToRun (docs/performance.md). It needs a C toolchain (clang or gcc); without one, or with CLI_BUILD=r2r, the CLI
# is published ReadyToRun so start-up is still not JIT time.
dotnet build -c Release bench/Trainscope.Benchmarks -v q --nologo >/dev/null
cli_build=${CLI_BUILD:-aot}
if [[ $cli_build == aot ]] && ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "no clang or gcc for Native AOT: publishing ReadyToRun" >&2; cli_build=r2r
fi
# Native code for the CPU family of this machine: without AVX2 the vectorised line scanning runs half as wide
# (the default target is x86-64-v2, which ReadyToRun code escapes by being re-jitted for the CPU it runs on).
isa=(); grep -qw avx2 /proc/cpuinfo && isa=(-p:IlcInstructionSet=x86-64-v3)
if [[ $cli_build == aot ]] && ! dotnet publish -c Release -r linux-x64 -p:PublishAot=true "${isa[@]}" -v q --nologo \
  -o artifacts/bench-cli-aot src/Trainscope.Cli >/tmp/trainscope-publish.log 2>&1; then
  echo "Native AOT publish failed (/tmp/trainscope-publish.log): publishing ReadyToRun" >&2; cli_build=r2r
fi
if [[ $cli_build == aot ]]; then
  cli=(artifacts/bench-cli-aot/trainscope)
else
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v q --nologo \
    -o artifacts/bench-cli src/Trainscope.Cli >/dev/null
  cli=(artifacts/bench-cli/trainscope)
fi
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

# Start-up: `analyze` on a 100 KB MetricLogger log, where process start and first-call costs dominate. The median of
# hyperfine's runs when it is installed, else the best of 10 runs timed by /usr/bin/time.
small=$data/startup_100kb.log
if [[ ! -f $small ]]; then
  dotnet bench/Trainscope.Benchmarks/bin/Release/net10.0/Trainscope.Benchmarks.dll generate metriclogger 1 "$data/metriclogger_1mb.log"
  head -c 102400 "$data/metriclogger_1mb.log" > "$small"
fi
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 3 -r 30 --export-json /tmp/trainscope-startup.json "${cli[*]} analyze $small" >/dev/null
  start_secs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' /tmp/trainscope-startup.json)
  start_how="hyperfine median of 30"
else
  start_secs=
  for _ in $(seq 10); do
    /usr/bin/time -f '%e' -o /tmp/trainscope-time "${cli[@]}" analyze "$small" > /dev/null
    secs=$(cat /tmp/trainscope-time)
    if [[ -z $start_secs ]] || (( $(echo "$secs < $start_secs" | bc -l) )); then start_secs=$secs; fi
  done
  start_how="best of 10, /usr/bin/time"
fi
/usr/bin/time -f '%M' -o /tmp/trainscope-time "${cli[@]}" analyze "$small" > /dev/null
printf '%-22s %-28s %8s %9.3f %9.1f %10d\n' "trainscope start-up" "$(basename "$small")" 0.1 "$start_secs" \
  "$(echo "0.1 / $start_secs" | bc -l)" $(( $(cat /tmp/trainscope-time) / 1024 ))
printf '%-22s %s\n' "" "$cli_build build, analyze (text) on 100 KB: $(echo "$start_secs * 1000" | bc -l | cut -d. -f1) ms ($start_how)"
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
