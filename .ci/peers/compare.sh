#!/usr/bin/env bash
# Times Plan Atlas's whole-process PNG export against Mapnik's
# (mapnik_export.py) and, when python3-qgis is installed, QGIS's
# (qgis_export.py, headless) on the same features, extent, size and font,
# interleaved, and prints each one's median wall time and peak memory and
# the ratios. Needs python3-mapnik (apt). Usage: compare.sh [RUNS] [WxH]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-11}
size=${2:-1920x1080}
w=${size%x*} h=${size#*x}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/planatlas" .
"$tmp/planatlas" features -o "$tmp/plan.geojson"
font=assets/fonts/wqy-microhei-subset.ttf
qgis=false
if QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "import qgis.core" 2>/dev/null; then qgis=true; fi
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$tmp/pa.t$i" "$tmp/planatlas" export --size "$size" -o "$tmp/pa.png" >/dev/null
  /usr/bin/time -f "%e %M" -o "$tmp/mk.t$i" /usr/bin/python3 .ci/peers/mapnik_export.py "$tmp/plan.geojson" "$font" "$tmp/mk.png" "$w" "$h"
  if $qgis; then
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp" /usr/bin/time -f "%e %M" -o "$tmp/qg.t$i" /usr/bin/python3 .ci/peers/qgis_export.py "$tmp/plan.geojson" "$font" "$tmp/qg.png" "$w" "$h" 2>/dev/null
  fi
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
pa=$(cat "$tmp"/pa.t* | cut -d' ' -f1 | median); pam=$(cat "$tmp"/pa.t* | cut -d' ' -f2 | median)
mk=$(cat "$tmp"/mk.t* | cut -d' ' -f1 | median); mkm=$(cat "$tmp"/mk.t* | cut -d' ' -f2 | median)
echo "export $size, $runs runs each, interleaved, median wall time and peak RSS:"
echo "  Plan Atlas  ${pa} s  $((pam / 1024)) MB"
echo "  Mapnik      ${mk} s  $((mkm / 1024)) MB"
echo "  ratio       $(awk -v a="$pa" -v b="$mk" 'BEGIN {printf "%.2f", a / b}')× Mapnik's time"
if $qgis; then
  qg=$(cat "$tmp"/qg.t* | cut -d' ' -f1 | median); qgm=$(cat "$tmp"/qg.t* | cut -d' ' -f2 | median)
  echo "  QGIS        ${qg} s  $((qgm / 1024)) MB"
  echo "  ratio       $(awk -v a="$pa" -v b="$qg" 'BEGIN {printf "%.2f", a / b}')× QGIS's time"
fi
