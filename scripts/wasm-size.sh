#!/usr/bin/env bash
# Prints the optimised WebAssembly modules' sizes (the full module and the breach
# form's), raw and gzipped, and fails when one is over its budget in
# wasm/size-budget.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=/dev/null
. wasm/size-budget

kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
status=0
check() { # check MODULE MAX_RAW MAX_GZIP
    local module=$1 max_raw=$2 max_gzip=$3 raw gzipped
    [ -f "$module" ] || { echo "error: $module not found; run scripts/build-wasm.sh" >&2; exit 1; }
    raw=$(wc -c <"$module")
    gzipped=$(gzip -9 -c "$module" | wc -c)
    printf '%s: %s bytes raw (%s), %s bytes gzipped (%s)\n' "$module" "$raw" "$(kib "$raw")" "$gzipped" "$(kib "$gzipped")"
    printf '  budget: %s bytes raw, %s bytes gzipped (wasm/size-budget)\n' "$max_raw" "$max_gzip"
    if [ "$raw" -gt "$max_raw" ]; then
        echo "error: $module is over its raw size budget" >&2
        status=1
    fi
    if [ "$gzipped" -gt "$max_gzip" ]; then
        echo "error: $module is over its gzipped size budget" >&2
        status=1
    fi
}

check wasm/pkg/web/spf_bg.wasm "$max_raw_bytes" "$max_gzip_bytes"
check wasm/pkg/form/spf_form_bg.wasm "$max_form_raw_bytes" "$max_form_gzip_bytes"
exit "$status"
