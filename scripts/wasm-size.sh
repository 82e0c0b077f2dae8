#!/usr/bin/env bash
# Prints the optimised WebAssembly module's size, raw and gzipped, and fails when
# it is over the budget in wasm/size-budget.
set -euo pipefail
cd "$(dirname "$0")/.."

module=wasm/pkg/web/spf_bg.wasm
[ -f "$module" ] || { echo "error: $module not found; run scripts/build-wasm.sh" >&2; exit 1; }
# shellcheck source=/dev/null
. wasm/size-budget

raw=$(wc -c <"$module")
gzipped=$(gzip -9 -c "$module" | wc -c)
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
printf 'spf_bg.wasm: %s bytes raw (%s), %s bytes gzipped (%s)\n' "$raw" "$(kib "$raw")" "$gzipped" "$(kib "$gzipped")"
printf 'budget:      %s bytes raw, %s bytes gzipped (wasm/size-budget)\n' "$max_raw_bytes" "$max_gzip_bytes"

status=0
if [ "$raw" -gt "$max_raw_bytes" ]; then
    echo "error: the module is over its raw size budget" >&2
    status=1
fi
if [ "$gzipped" -gt "$max_gzip_bytes" ]; then
    echo "error: the module is over its gzipped size budget" >&2
    status=1
fi
exit "$status"
