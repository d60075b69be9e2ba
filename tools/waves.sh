#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/waves.sh -- GTKWave on one TLB miss of a dump (make waves calls it; run from
# the repository root).
#
#   tools/waves.sh [--png FILE] [--values FILE] [--headless] MISS DUMP.fst
#
# MISS is the miss number of the dump's miss index (DUMP.fst.misses.csv, column
# `miss`). The view is waves/mmu.gtkw, renamed to the dump's signal widths, zoomed on
# the miss's access (all its attempts) with the primary marker on its first cycle
# (tools/waves_view.py writes the save file and the script, under build/waves/).
#
# With a display, GTKWave opens on it. With --headless, HEADLESS=1 in the
# environment, or no DISPLAY, the view is rendered under Xvfb into a PNG instead:
# FILE, by default DUMP's name with -miss<MISS>.png (waves/x.fst -> waves/x-miss3.png),
# with a caption (the dump, the miss, its access and VA) above GTKWave's window. Beside
# it, FILE with .values: every signal's values in the view, as GTKWave shows them
# (tools/waves_view.py), so a picture can be checked against a fresh render by value.
# Needs gtkwave (and fst2vcd, which comes with it); headless also Xvfb and
# ImageMagick's import and convert: bash tools/deps.sh waves installs them.

set -euo pipefail

png="" values="" headless=${HEADLESS:-}
while [ $# -gt 0 ]; do
    case $1 in
    --png) [ $# -ge 2 ] || { echo "waves: --png needs a file" >&2; exit 2; }
           png=$2 headless=1; shift 2 ;;
    --values) [ $# -ge 2 ] || { echo "waves: --values needs a file" >&2; exit 2; }
           values=$2; shift 2 ;;
    --headless) headless=1; shift ;;
    -h|--help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "waves: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -eq 2 ] || { echo "usage: tools/waves.sh [--png FILE] [--values FILE] [--headless] MISS DUMP.fst" >&2; exit 2; }
miss=$1 dump=$2
case $miss in
'' | *[!0-9]* | 0*) echo "waves: MISS must be a miss number (1, 2, ...), not '$miss'" >&2; exit 2 ;;
esac
[ -s "$dump" ] || { echo "waves: no dump $dump (make sim ... WAVES=1 writes it)" >&2; exit 1; }
[ -z "${DISPLAY:-}" ] && headless=1
[ -n "$headless" ] && [ -z "$png" ] && png="${dump%.fst}-miss$miss.png"
[ -n "$png" ] && [ -z "$values" ] && values="${png%.png}.values"
for tool in gtkwave fst2vcd; do
    command -v $tool >/dev/null || { echo "waves: $tool is not installed (bash tools/deps.sh waves)" >&2; exit 1; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
out=build/waves
view=$(python3 "$root/tools/waves_view.py" --dump "$dump" --miss "$miss" --out "$out" \
    --template "$root/waves/mmu.gtkw" ${png:+--png "$png"} ${values:+--values "$values"})
gtkw="" tcl="" shot="" width="" height="" what=""
eval "$view"
echo "waves: dump $dump (miss index $dump.misses.csv)" >&2
echo "waves: $what" >&2

if [ -z "$headless" ]; then
    echo "waves: gtkwave -S $tcl $dump $gtkw" >&2
    exec gtkwave -S "$tcl" "$dump" "$gtkw"
fi

for tool in xvfb-run import convert; do
    command -v $tool >/dev/null || { echo "waves: $tool is not installed (bash tools/deps.sh waves)" >&2; exit 1; }
done
mkdir -p "$(dirname "$png")"
rm -f "$png" "$values"
log=$out/$(basename "${png%.png}").log
# The screen is the window's size, so the screenshot is the window. GTKWave's timer
# script saves it once the view has been drawn, then quits; timeout guards a hang.
# xvfb-run -a alone starts every search at display 99, so two renders started at once
# (two test runs on one machine) can race for it: start the search at random.
if ! timeout 120 xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 ${width}x${height}x24 -nolisten tcp" \
        gtkwave -S "$tcl" -R "$shot" "$dump" "$gtkw" >"$log" 2>&1; then
    echo "waves: gtkwave under Xvfb failed; its output is in $log" >&2
    exit 1
fi
[ -s "$png" ] || { echo "waves: gtkwave wrote no $png; its output is in $log" >&2; exit 1; }
[ -s "$values" ] || { echo "waves: gtkwave wrote no $values; its output is in $log" >&2; exit 1; }
# The caption: a band above the window saying what the picture is. A picture without
# it is still right, so a convert that fails (no font) only warns.
caption="$(basename "$dump"): ${what%%; view*}"
if ! convert "$png" -background white -gravity northwest -splice 0x30 -fill black \
        -pointsize 17 -annotate +10+6 "$caption" "$png.tmp.png" 2>>"$log" ||
   ! mv "$png.tmp.png" "$png"; then
    rm -f "$png.tmp.png"
    echo "waves: no caption on $png (convert failed; see $log)" >&2
fi
echo "waves: wrote $png (the ${width}x${height} window, captioned) and its values $values" >&2
echo "$png"
