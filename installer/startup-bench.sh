#!/usr/bin/env bash
# Cold start of the built app-image to the first painted bar, with and without its AOT cache (docs/decisions/0017).
# Prints "first_bar_ms_aot: N ms", "first_bar_ms_no_aot: N ms" and the CPU ms of both (medians of RUNS alternating
# starts, fresh data dir each time) and the image size. Needs the image (./mvnw -Pinstaller package), a display or xvfb-run, ../shared.
# Usage: installer/startup-bench.sh [RUNS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
launcher=installer/target/dist/Pennant/bin/Pennant
data=../shared/data/binance/spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz
[ -x "$launcher" ] || { echo "error: no app-image at $launcher: run ./mvnw -Pinstaller package" >&2; exit 1; }
[ -f "$data" ] || { echo "error: $data missing (../shared next to the repository)" >&2; exit 1; }
x=(); [ -z "${DISPLAY:-}" ] && x=(xvfb-run -a -s "-screen 0 1600x1000x24")
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
start() { # $1 = extra JAVA_TOOL_OPTIONS, $2 = file prefix; appends the wall and CPU ms to $2.wall and $2.cpu
  rm -rf "$tmp/data"
  JAVA_TOOL_OPTIONS="$1" "${x[@]}" timeout 300 "$launcher" --replay "$data" --data-dir "$tmp/data" --smoke-test \
    2>/dev/null > "$tmp/out"
  sed -n 's/^first_bar_ms: \([0-9]*\) ms$/\1/p' "$tmp/out" >> "$2.wall"
  sed -n 's/^first_bar_cpu_ms: \([0-9]*\) ms$/\1/p' "$tmp/out" >> "$2.cpu"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for _ in $(seq "$runs"); do
  start "" "$tmp/aot"
  start "-XX:AOTMode=off" "$tmp/no"   # the same image, its cache switched off
done
echo "first_bar_ms_aot: $(median < "$tmp/aot.wall") ms"
echo "first_bar_ms_no_aot: $(median < "$tmp/no.wall") ms"
echo "first_bar_cpu_ms_aot: $(median < "$tmp/aot.cpu") ms"
echo "first_bar_cpu_ms_no_aot: $(median < "$tmp/no.cpu") ms"
echo "image_mb: $(du -sm installer/target/dist/Pennant | cut -f1) MB"
echo "aot_cache_mb: $(du -sm installer/target/dist/Pennant/lib/app/pennant.aot | cut -f1) MB"
echo "load_average: $(cut -d' ' -f1 /proc/loadavg) (cores: $(nproc))"
