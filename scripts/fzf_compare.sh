#!/usr/bin/env bash
# Times `fzf --filter` on a file of headlines, one line each, with the queries
# examples/bench_filter.rs replays, typed one character at a time.
# Usage: scripts/fzf_compare.sh LINES_FILE [ROUNDS]
# Each keystroke is a fresh `fzf --filter` process: that includes starting up
# and reading the file, which fzf's interactive mode pays only once (the
# `wc -l` baseline shows what reading alone costs), and writing every match.
set -euo pipefail
file=$1
rounds=${2:-3}
queries=("政务服务" "mtf" "maotengfei" "zwfwkstb" "株洲 调研" "量子纠缠")

ms() { printf '%d.%02d' $(( ($2 - $1) / 1000000 )) $(( ($2 - $1) / 10000 % 100 )); }

# Baseline: the cost of reading the file through a pipe.
t0=$(date +%s%N); wc -l < "$file" > /dev/null; t1=$(date +%s%N)
echo "wc -l baseline: $(ms "$t0" "$t1") ms"

times=()
for ((r = 0; r < rounds; r++)); do
    for q in "${queries[@]}"; do
        typed=""
        while IFS= read -r -n1 ch; do
            typed+="$ch"
            t0=$(date +%s%N)
            # fzf exits 1 when nothing matches.
            # Lines are `ID<TAB>headline`: fzf matches the headline only.
            hits=$( (fzf --filter "$typed" --delimiter '\t' --nth 2.. < "$file" || true) | wc -l)
            t1=$(date +%s%N)
            times+=("$(( (t1 - t0) / 1000 ))")
            if ((r == 0)); then printf '%8s ms  %8s hits  %s\n' "$(ms "$t0" "$t1")" "$hits" "$typed"; fi
        done < <(printf '%s' "$q")
    done
done
printf '%s\n' "${times[@]}" | sort -n | awk '
    { a[NR] = $1 }
    END {
        p50 = a[int((NR * 50 + 99) / 100)]; p99 = a[int((NR * 99 + 99) / 100)];
        printf "{\"keystrokes\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f}\n", NR, p50 / 1000, p99 / 1000, a[NR] / 1000
    }'
