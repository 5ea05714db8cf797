#!/usr/bin/env bash
# Benchmark: `vaultstaging upload` against the seed's hand-scripted curl flow (baseline.sh) and the machine's
# physical limits, on a loopback emulator that hashes and discards bodies. See docs/performance.md.
#
#   tests/bench/run.sh            full run: 2 GiB file, 1,000 x 100 KB, 100 x 20 MB, RSS for 256 MiB and 4 GiB
#   tests/bench/run.sh --quick    smoke check: 256 MiB, 200 x 100 KB, 10 x 20 MB, RSS for 64 MiB and 512 MiB
#   tests/bench/run.sh --wan      over modelled links (emulator --latency/--bandwidth): 20 ms 1 Gbit/s, 80 ms 200 Mbit/s
#                                 (1 GiB each), 150 ms 50 Mbit/s (512 MiB), and 500 x 100 KB on each; ours at defaults
#                                 vs the curl flow (on 50 of the small files, its time scaled to 500); utilisation =
#                                 file bytes / wall time / link rate
#   options: --repeats N (default 3, quick and wan 1), --keep (leave the temp folder for inspection)
#
# Progress goes to stderr, results to stdout; the last line is machine-readable:
#   bench: large=<ratio> small=<ratio> mixed=<ratio> cpu_per_md5_pass=<x> of_server_ceiling=<f> rss_mib=<MiB> rss_growth_mib=<MiB>
#          req_per_file_first=<n> req_per_file_rerun=<n> download_large=<ratio> download_small=<ratio> cpu_floor_per_md5_pass=<x>
#   bench-wan: large_util=<a>/<b>/<c> small_util=<a>/<b>/<c> vs_curl_large=<min ratio> requests_per_small_file=<n>
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$REPO/tests/bench"
ARTIFACTS=/tmp/art-bench

QUICK=0
WAN=0
REPEATS=""
KEEP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --wan) WAN=1; shift ;;
        --repeats) REPEATS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

MIB=1048576
PART_SIZE=$((12 * MIB))   # ours by default (PartPlan.DefaultPartSize); the baseline splits at the same size
SMALL_SIZE=100000         # "100 KB"
MIXED_SIZE=20000000       # "20 MB": still a single-request upload (<= 50 MB) for both
PUT_LIMIT_SIZE=50000000
POLL_SECONDS=0.05         # job poll interval of both clients (the emulator allows any rate)
POLL_TIMESPAN=00:00:00.0500000
if ((WAN)); then
    REPEATS=${REPEATS:-1}
elif ((QUICK)); then
    LARGE_MIB=256 SMALL_COUNT=200 MIXED_COUNT=10 RSS_LOW_MIB=64 RSS_HIGH_MIB=512
    REPEATS=${REPEATS:-1}
else
    LARGE_MIB=2048 SMALL_COUNT=1000 MIXED_COUNT=100 RSS_LOW_MIB=256 RSS_HIGH_MIB=4096
    REPEATS=${REPEATS:-3}
fi

say() { echo "[$(date +%T)] $*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------
ensure_tools() {
    local missing=() pair
    for pair in curl:curl openssl:openssl split:coreutils md5sum:coreutils base64:coreutils xxd:xxd \
        /usr/bin/time:time awk:gawk python3:python3; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    if ((${#missing[@]})); then
        say "installing ${missing[*]}"
        apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2 || die "could not install ${missing[*]}"
    fi
    command -v dotnet >/dev/null || die "dotnet is not on PATH"
}

# --- temp folder, emulator, cleanup ----------------------------------------------------------------------------
WORK=""
EMULATOR_PID=""
STORE_PID=""
cleanup() {
    [[ -n $EMULATOR_PID ]] && kill "$EMULATOR_PID" 2>/dev/null && wait "$EMULATOR_PID" 2>/dev/null
    [[ -n $STORE_PID ]] && kill "$STORE_PID" 2>/dev/null && wait "$STORE_PID" 2>/dev/null
    if [[ -n $WORK ]]; then
        if ((KEEP)); then say "kept $WORK"; else rm -rf "$WORK"; fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

publish() {
    say "publishing vaultstaging (Release)"
    dotnet publish "$REPO/src/VaultStaging.Cli" -c Release -o "$WORK/pub" --artifacts-path "$ARTIFACTS" -nologo -v q \
        >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; die "publish failed"; }
    VAULTSTAGING="$WORK/pub/vaultstaging"
}

start_emulator() { # start_emulator [EXTRA EMULATOR OPTIONS...]
    dotnet "$WORK/pub/VaultStaging.Emulator.dll" --discard-content --job-duration 0 --job-poll-interval 0 \
        --burst-limit 100000000 --auth-burst-limit 100000 "$@" >"$WORK/emulator.log" 2>&1 &
    EMULATOR_PID=$!
    local i
    for ((i = 0; i < 300; i++)); do
        VAULT=$(sed -n 's/^Vault emulator listening on //p' "$WORK/emulator.log")
        [[ -n $VAULT ]] && break
        kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; die "the emulator did not start"; }
        sleep 0.1
    done
    [[ -n $VAULT ]] || die "the emulator did not report its address"
    say "emulator at $VAULT (discard mode)"
}

# --- data ------------------------------------------------------------------------------------------------------
# random_file PATH BYTES: incompressible bytes, fast (AES-CTR of zeros).
random_file() {
    head -c "$2" /dev/zero | openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:${1##*/}" 2>/dev/null >"$1"
}

# split_into DIR COUNT SIZE PREFIX SUFFIX: COUNT random files of SIZE bytes.
split_into() {
    mkdir -p "$1"
    random_file "$WORK/all.tmp" $(($2 * $3))
    split -b "$3" -a 4 -d --additional-suffix="$5" "$WORK/all.tmp" "$1/$4"
    rm -f "$WORK/all.tmp"
}

generate_data() {
    local need_kib free_kib
    need_kib=$(((5 * LARGE_MIB + RSS_LOW_MIB + RSS_HIGH_MIB) * 1024 + (SMALL_COUNT * SMALL_SIZE + MIXED_COUNT * MIXED_SIZE) / 1024 + 1048576))
    free_kib=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
    ((free_kib > need_kib)) || die "needs $((need_kib / 1048576)) GiB free under /tmp, has $((free_kib / 1048576)) GiB"
    say "generating data in $WORK/data"
    mkdir -p "$WORK/data/large" "$WORK/data/rss-low" "$WORK/data/rss-high"
    random_file "$WORK/data/large/master-$LARGE_MIB.mov" $((LARGE_MIB * MIB))
    split_into "$WORK/data/small" "$SMALL_COUNT" "$SMALL_SIZE" scan- .pdf
    split_into "$WORK/data/mixed" "$MIXED_COUNT" "$MIXED_SIZE" clip- .mp4
    random_file "$WORK/data/rss-low/master-$RSS_LOW_MIB.mov" $((RSS_LOW_MIB * MIB))
    random_file "$WORK/data/rss-high/master-$RSS_HIGH_MIB.mov" $((RSS_HIGH_MIB * MIB))
    cat "$WORK"/data/*/* >/dev/null   # every run reads from the page cache, the baseline and ours alike
}

# --- measuring -------------------------------------------------------------------------------------------------
# emulator_cpu: CPU seconds (user + system) the emulator has used so far.
emulator_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$EMULATOR_PID/stat"; }

# timed LABEL COMMAND...: runs it under /usr/bin/time; sets WALL (s), RSS_KIB (peak resident set), CPU (its user +
# system seconds) and SERVER_CPU (the emulator's CPU seconds meanwhile).
timed() {
    local label=$1 start end server_start
    shift
    server_start=$(emulator_cpu)
    start=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$WORK/rss.txt" "$@" >"$WORK/logs/$label.log" 2>&1 \
        || { tail -n 20 "$WORK/logs/$label.log" >&2; die "$label failed (log above)"; }
    end=$(date +%s.%N)
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    read -r RSS_KIB CPU < <(tail -n 1 "$WORK/rss.txt" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }')
    SERVER_CPU=$(awk -v a="$server_start" -v b="$(emulator_cpu)" 'BEGIN { printf "%.2f", b - a }')
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

calc() { awk "BEGIN { printf \"$1\", $2 }"; }

ours() { # ours LABEL TARGET PATH...
    local label=$1 target=$2
    shift 2
    timed "$label" "$VAULTSTAGING" upload "$@" --recurse --to "$target" --vault "$VAULT" --job-poll-interval "$POLL_TIMESPAN"
}

baseline() { # baseline LABEL TARGET FILE...
    local label=$1 target=$2
    shift 2
    timed "$label" "$BENCH/baseline.sh" --vault "$VAULT" --to "$target" --part-size "$PART_SIZE" --poll "$POLL_SECONDS" "$@"
}

# --- physical limits -------------------------------------------------------------------------------------------
measure_limits() {
    local file="$WORK/data/large/master-$LARGE_MIB.mov" bytes=$((LARGE_MIB * MIB)) r walls=() sums=() puts=() t
    say "measuring the single-core MD5 limit ($LARGE_MIB MiB, page cache) and the raw loopback PUT limit"
    for ((r = 1; r <= 3; r++)); do
        timed "md5-openssl-$r" openssl md5 "$file"; walls+=("$WALL")
        timed "md5sum-$r" md5sum "$file"; sums+=("$WALL")
    done
    MD5_LIMIT=$(calc %.1f "$bytes / $(median "${walls[@]}") / $MIB")
    MD5SUM_RATE=$(calc %.1f "$bytes / $(median "${sums[@]}") / $MIB")
    OPENSSL_SPEED=$(openssl speed -evp md5 -bytes 16384 -seconds 2 2>/dev/null | awk '/^md5/ { sub(/k$/, "", $2); printf "%.1f", $2 * 1000 / 1048576 }')
    DOTNET_MD5="skipped (--quick)"
    if ((!QUICK)); then
        cp "$BENCH/Md5Probe.cs" "$WORK/Md5Probe.cs"
        DOTNET_MD5=$( (cd "$WORK" && dotnet run Md5Probe.cs 2>/dev/null | tail -n 1) || echo "n/a")
    fi

    head -c "$PUT_LIMIT_SIZE" "$file" >"$WORK/put-body.bin"
    for ((r = 1; r <= 5; r++)); do
        t=$(curl -sS -o /dev/null -w '%{time_total}' -X PUT -H 'Content-Type: application/octet-stream' \
            -T "$WORK/put-body.bin" "${VAULT}_emulator/discard")
        puts+=("$t")
    done
    rm -f "$WORK/put-body.bin"
    PUT_LIMIT=$(calc %.1f "$PUT_LIMIT_SIZE / $(median "${puts[@]}") / $MIB")
    LIMIT=$(calc %.1f "($MD5_LIMIT < $PUT_LIMIT) ? $MD5_LIMIT : $PUT_LIMIT")
    measure_send_floor "$bytes"
    measure_part_ceiling "$file"
}

# measure_send_floor BYTES: CPU seconds to send BYTES over loopback with nothing else (send_floor.py, median of 3);
# one MD5 pass plus that send is cpu_floor_per_md5_pass, a reference for cpu_per_md5_pass (measure_cpu_per_md5_pass).
measure_send_floor() {
    local r cpus=()
    for ((r = 1; r <= 3; r++)); do
        cpus+=("$(python3 "$BENCH/send_floor.py" "${VAULT}_emulator/discard" "$1")")
    done
    SEND_CPU=$(median "${cpus[@]}")
}

# measure_part_ceiling FILE: what the emulator's upload-part endpoint takes at best: curl re-sends one
# precomputed part (re-sending a part number overwrites it) of a session, no client-side hashing in the loop.
measure_part_ceiling() {
    local api="${VAULT}api/v26.1" auth session b64 r t times=()
    head -c "$PART_SIZE" "$1" >"$WORK/part.bin"
    b64=$(openssl md5 -binary "$WORK/part.bin" | base64)
    auth=$(curl -sS -X POST "$api/auth" -d username=admin -d password=admin | grep -o '"sessionId":"[^"]*' | cut -d'"' -f4)
    session=$(curl -sS -X POST -H "Authorization: $auth" -d path=/u1000/part-ceiling.bin -d size=$((2 * PART_SIZE)) \
        "$api/services/file_staging/upload" | grep -o '"id":"[^"]*' | cut -d'"' -f4)
    for ((r = 1; r <= 5; r++)); do
        t=$(curl -sS -o "$WORK/part-answer.json" -w '%{time_total}' -X PUT -H "Authorization: $auth" \
            -H 'Content-Type: application/octet-stream' -H 'X-VaultAPI-FilePartNumber: 1' -H "Content-MD5: $b64" \
            --data-binary "@$WORK/part.bin" "$api/services/file_staging/upload/$session")
        grep -q '"responseStatus":"SUCCESS"' "$WORK/part-answer.json" || die "part ceiling: $(cat "$WORK/part-answer.json")"
        times+=("$t")
    done
    curl -sS -o /dev/null -X DELETE -H "Authorization: $auth" "$api/services/file_staging/upload/$session"
    curl -sS -o /dev/null -X DELETE -H "Authorization: $auth" "$api/session"
    rm -f "$WORK/part.bin" "$WORK/part-answer.json"
    PART_CEILING=$(calc %.1f "$PART_SIZE / $(median "${times[@]}") / $MIB")
}

# measure_cpu_per_md5_pass: what ours spends per byte of the large file, as a multiple of one MD5 pass over it.
# REPEATS times, side by side: `openssl md5` of the file (its CPU seconds: one pass, reading the file included), ours
# staging one 1 KB file (what any run costs whatever it sends: start-up, login, a listing, logout), ours staging the
# large file. Each trio gives (large - 1 KB) / pass, and CPU_PER_MD5 is their median. The pass is measured beside
# each run, not once at the start, because this shared machine's speed drifts by up to ±20 % over minutes. Also sets
# CPU_WHOLE_RUN (the fixed cost left in), CPU_PASS, CPU_FIXED, CPU_LARGE (medians) and CPU_FLOOR.
measure_cpu_per_md5_pass() {
    local file="$WORK/data/large/master-$LARGE_MIB.mov" r pass fixed ratio passes=() fixeds=() larges=() ratios=() wholes=()
    head -c 1000 /dev/urandom >"$WORK/one-kb.bin"
    say "client CPU per MD5 pass: $REPEATS x (openssl md5, ours on 1 KB, ours on $LARGE_MIB MiB)"
    for ((r = 1; r <= REPEATS; r++)); do
        timed "cpu-md5-$r" openssl md5 "$file"; pass=$CPU
        ours "cpu-fixed-$r" "/u1000/bench/cpu-fixed-$r" "$WORK/one-kb.bin"; fixed=$CPU
        ours "cpu-large-$r" "/u1000/bench/cpu-large-$r" "$file"
        ratio=$(calc %.3f "($CPU - $fixed) / $pass")
        passes+=("$pass") fixeds+=("$fixed") larges+=("$CPU") ratios+=("$ratio") wholes+=("$(calc %.3f "$CPU / $pass")")
        say "  run $r: MD5 pass $pass CPU-s, ours 1 KB $fixed CPU-s, ours $LARGE_MIB MiB $CPU CPU-s: $ratio x one pass"
    done
    CPU_PER_MD5=$(calc %.2f "$(median "${ratios[@]}")")
    CPU_RATIOS=$(printf '%.2f/' "${ratios[@]}"); CPU_RATIOS=${CPU_RATIOS%/}
    CPU_WHOLE_RUN=$(calc %.2f "$(median "${wholes[@]}")")
    CPU_PASS=$(median "${passes[@]}") CPU_FIXED=$(median "${fixeds[@]}") CPU_LARGE=$(median "${larges[@]}")
    CPU_FLOOR=$(calc %.2f "1 + $SEND_CPU / $CPU_PASS")
}

# --- workloads -------------------------------------------------------------------------------------------------
# workload NAME BYTES DESCRIPTION: baseline and ours alternately, REPEATS times; prints the result line and
# sets RATIO_<NAME>, OURS_RATE_<NAME>, RSS_MIB_<NAME>.
workload() {
    local name=$1 bytes=$2 description=$3 r base=() mine=() rss=() cpu=() server=() files
    files=("$WORK/data/$name"/*)
    say "workload $name: $description, $REPEATS x (baseline, ours)"
    for ((r = 1; r <= REPEATS; r++)); do
        baseline "baseline-$name-$r" "/u1000/bench/baseline-$name-$r/$name" "${files[@]}"; base+=("$WALL")
        say "  baseline run $r: $WALL s"
        ours "ours-$name-$r" "/u1000/bench/ours-$name-$r" "$WORK/data/$name"; mine+=("$WALL"); rss+=("$RSS_KIB")
        cpu+=("$CPU"); server+=("$SERVER_CPU")
        say "  ours run $r: $WALL s, peak RSS $((RSS_KIB / 1024)) MiB, CPU $CPU s (emulator $SERVER_CPU s)"
    done
    local base_wall ours_wall base_rate ours_rate ratio of_limit rss_mib
    base_wall=$(median "${base[@]}")
    ours_wall=$(median "${mine[@]}")
    base_rate=$(calc %.1f "$bytes / $base_wall / $MIB")
    ours_rate=$(calc %.1f "$bytes / $ours_wall / $MIB")
    ratio=$(calc %.2f "$base_wall / $ours_wall")
    of_limit=$(calc %.2f "$ours_rate / $LIMIT")
    rss_mib=$(calc %.1f "$(median "${rss[@]}") / 1024")
    printf '%-6s %-22s baseline %7.2f s %7.1f MiB/s | ours %7.2f s %7.1f MiB/s | ours/baseline %5.2fx | ours/limit %4.2f | ours peak RSS %6.1f MiB | CPU s ours %5.2f, emulator %5.2f\n' \
        "$name" "$description" "$base_wall" "$base_rate" "$ours_wall" "$ours_rate" "$ratio" "$of_limit" "$rss_mib" "$(median "${cpu[@]}")" "$(median "${server[@]}")"
    printf -v "RATIO_$name" %s "$ratio"
    printf -v "OURS_RATE_$name" %s "$ours_rate"
    printf -v "RSS_MIB_$name" %s "$rss_mib"
}

# rss_of NAME: median peak RSS (MiB) of ours uploading the one file in data/NAME; sets RSS_MIB_<NAME>.
rss_of() {
    local name=$1 r rss=()
    for ((r = 1; r <= REPEATS; r++)); do
        ours "ours-$name-$r" "/u1000/bench/ours-$name-$r" "$WORK/data/$name"/*; rss+=("$RSS_KIB")
        say "  $name run $r: $WALL s, peak RSS $((RSS_KIB / 1024)) MiB"
    done
    printf -v "RSS_MIB_${name//-/_}" %s "$(calc %.1f "$(median "${rss[@]}") / 1024")"
}

# --- request budget --------------------------------------------------------------------------------------------
# emulator_requests: how many API requests the emulator has logged since it was last cleared.
emulator_requests() { curl -fsS "${VAULT}_emulator/requests" | grep -o '"executionId"' | wc -l; }
clear_requests() { curl -fsS -X DELETE "${VAULT}_emulator/requests" >/dev/null; }

# request_budget: requests per file of ours on a first run of the small files into a fresh folder, and on a
# no-op rerun (--skip-existing); the baseline's first run for comparison. Sets REQ_FIRST and REQ_RERUN.
request_budget() {
    local count=$SMALL_COUNT first rerun base
    clear_requests; baseline "budget-baseline" "/u1000/bench/budget-baseline/small" "$WORK/data/small"/*; base=$(emulator_requests)
    clear_requests; ours "budget-first" "/u1000/bench/budget" "$WORK/data/small"; first=$(emulator_requests)
    clear_requests; ours "budget-rerun" "/u1000/bench/budget" "$WORK/data/small" --skip-existing; rerun=$(emulator_requests)
    REQ_FIRST=$(calc %.3f "$first / $count")
    REQ_RERUN=$(calc %.3f "$rerun / $count")
    printf 'requests %-22s baseline first run %6d (%5.3f per file) | ours first run %6d (%5.3f per file) | ours no-op rerun --skip-existing %6d (%5.3f per file)\n' \
        "$count x 100 KB" "$base" "$(calc %.3f "$base / $count")" "$first" "$REQ_FIRST" "$rerun" "$REQ_RERUN"
}

# --- downloads -------------------------------------------------------------------------------------------------
# download_workloads: a second emulator that keeps what is staged (downloads need the bytes), the large file and
# the small files staged once by ours, then downloaded REPEATS times by the curl flow (download-baseline.sh: a GET
# per file, 50 MB ranges for the large one) and by ours (vaultstaging download, defaults). Prints one line per
# workload and sets DOWNLOAD_RATIO_large and DOWNLOAD_RATIO_small.
download_workloads() {
    dotnet "$WORK/pub/VaultStaging.Emulator.dll" --data-dir "$WORK/store" --job-duration 0 --job-poll-interval 0 \
        --burst-limit 100000000 --auth-burst-limit 100000 >"$WORK/store.log" 2>&1 &
    STORE_PID=$!
    local store="" i
    for ((i = 0; i < 300; i++)); do
        store=$(sed -n 's/^Vault emulator listening on //p' "$WORK/store.log")
        [[ -n $store ]] && break
        sleep 0.1
    done
    [[ -n $store ]] || die "the storing emulator did not start"
    # The large file and (at most) 500 of the small ones, the download workloads the issue names.
    mkdir -p "$WORK/data/dl-small"
    ls "$WORK/data/small" | head -n 500 | while read -r f; do ln -f "$WORK/data/small/$f" "$WORK/data/dl-small/$f"; done
    DL_SMALL_COUNT=$(ls "$WORK/data/dl-small" | wc -l)
    "$VAULTSTAGING" upload "$WORK/data/large" "$WORK/data/dl-small" --recurse --to /u1000/dl --vault "$store" --job-poll-interval "$POLL_TIMESPAN" \
        >"$WORK/logs/download-setup.log" 2>&1 || { tail -n 5 "$WORK/logs/download-setup.log" >&2; die "staging the download data failed"; }
    local name bytes description files base mine r ratio
    for name in large dl-small; do
        base=() mine=()
        if [[ $name == large ]]; then
            bytes=$((LARGE_MIB * MIB)) description="1 x $LARGE_MIB MiB"
        else
            bytes=$((DL_SMALL_COUNT * SMALL_SIZE)) description="$DL_SMALL_COUNT x 100 KB"
        fi
        mapfile -t files < <(cd "$WORK/data/$name" && ls | sed "s|^|/u1000/dl/$name/|")
        for ((r = 1; r <= REPEATS; r++)); do
            rm -rf "$WORK/down"
            timed "download-baseline-$name-$r" "$BENCH/download-baseline.sh" --vault "$store" --to "$WORK/down/base" "${files[@]}"
            base+=("$WALL")
            timed "download-ours-$name-$r" "$VAULTSTAGING" download "/u1000/dl/$name" --recurse --to "$WORK/down/ours" --vault "$store"
            mine+=("$WALL")
            say "  download $name run $r: curl flow ${base[-1]} s, ours $WALL s"
        done
        ratio=$(calc %.2f "$(median "${base[@]}") / $(median "${mine[@]}")")
        printf 'download %-16s curl flow %7.2f s %7.1f MiB/s | ours %7.2f s %7.1f MiB/s | ours/curl flow %5.2fx\n' \
            "$description" "$(median "${base[@]}")" "$(calc %.1f "$bytes / $(median "${base[@]}") / $MIB")" \
            "$(median "${mine[@]}")" "$(calc %.1f "$bytes / $(median "${mine[@]}") / $MIB")" "$ratio"
        printf -v "DOWNLOAD_RATIO_${name#dl-}" %s "$ratio"
    done
    rm -rf "$WORK/down"
    kill "$STORE_PID" 2>/dev/null; wait "$STORE_PID" 2>/dev/null || true; STORE_PID=""
}

# --- WAN -------------------------------------------------------------------------------------------------------
# wan_link NAME LATENCY RATE RATE_BYTES LARGE_MIB: ours at defaults and the curl flow (Vault's 10 s job poll rule
# for both) against an emulator behind the link; prints one line and sets UTIL_LARGE_<NAME>, UTIL_SMALL_<NAME>,
# VS_CURL_<NAME> and REQ_SMALL_<NAME>.
wan_link() {
    local name=$1 latency=$2 rate=$3 rate_bytes=$4 large_mib=$5 r base=() mine=() small=() base_small=() requests=()
    local large="$WORK/data/wan/master-$large_mib.mov" bytes=$(($5 * MIB)) small_bytes=$((WAN_SMALL_COUNT * SMALL_SIZE))
    start_emulator --latency "$latency" --bandwidth "$rate" --job-poll-interval 10s
    say "link $name ($latency, $rate): $REPEATS x (curl flow, ours) on 1 x $large_mib MiB and $WAN_SMALL_COUNT x 100 KB"
    for ((r = 1; r <= REPEATS; r++)); do
        timed "wan-base-$name-$r" "$BENCH/baseline.sh" --vault "$VAULT" --to "/u1000/wan/base-$name-$r" --part-size "$PART_SIZE" --poll 10 "$large"
        base+=("$WALL")
        timed "wan-ours-$name-$r" "$VAULTSTAGING" upload "$large" --to "/u1000/wan/ours-$name-$r" --vault "$VAULT"
        mine+=("$WALL")
        # The curl flow sends one file at a time (~0.5-1 s each over these links): 50 of the 500 files, scaled up.
        timed "wan-base-small-$name-$r" "$BENCH/baseline.sh" --vault "$VAULT" --to "/u1000/wan/base-small-$name-$r" \
            $(printf '%s\n' "$WORK/data/wan-small"/* | head -n "$WAN_CURL_SMALL_COUNT")
        base_small+=("$(calc %.3f "$WALL * $WAN_SMALL_COUNT / $WAN_CURL_SMALL_COUNT")")
        clear_requests
        timed "wan-ours-small-$name-$r" "$VAULTSTAGING" upload "$WORK/data/wan-small" --recurse --to "/u1000/wan/ours-small-$name-$r" --vault "$VAULT"
        small+=("$WALL"); requests+=("$(emulator_requests)")
        say "  run $r: large curl ${base[-1]} s, ours ${mine[-1]} s; small curl ${base_small[-1]} s, ours ${small[-1]} s (${requests[-1]} requests)"
    done
    kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null || true; EMULATOR_PID=""
    local util_large util_base util_small util_base_small vs req
    util_large=$(calc %.2f "$bytes / $(median "${mine[@]}") / $rate_bytes")
    util_base=$(calc %.2f "$bytes / $(median "${base[@]}") / $rate_bytes")
    util_small=$(calc %.2f "$small_bytes / $(median "${small[@]}") / $rate_bytes")
    util_base_small=$(calc %.2f "$small_bytes / $(median "${base_small[@]}") / $rate_bytes")
    vs=$(calc %.2f "$(median "${base[@]}") / $(median "${mine[@]}")")
    req=$(calc %.3f "$(median "${requests[@]}") / $WAN_SMALL_COUNT")
    printf 'wan %-4s %-6s %-8s | 1 x %4d MiB: curl flow %7.2f s util %4.2f, ours %7.2f s util %4.2f, ours/curl %5.2fx | %d x 100 KB: curl flow %7.2f s util %4.2f, ours %7.2f s util %4.2f | requests per small file %5.3f\n' \
        "$name" "$latency" "$rate" "$large_mib" "$(median "${base[@]}")" "$util_base" "$(median "${mine[@]}")" "$util_large" "$vs" \
        "$WAN_SMALL_COUNT" "$(median "${base_small[@]}")" "$util_base_small" "$(median "${small[@]}")" "$util_small" "$req"
    printf -v "UTIL_LARGE_$name" %s "$util_large"
    printf -v "UTIL_SMALL_$name" %s "$util_small"
    printf -v "VS_CURL_$name" %s "$vs"
    printf -v "REQ_SMALL_$name" %s "$req"
}

run_wan() {
    WAN_SMALL_COUNT=500 WAN_CURL_SMALL_COUNT=50
    say "generating WAN data in $WORK/data"
    mkdir -p "$WORK/data/wan"
    random_file "$WORK/data/wan/master-1024.mov" $((1024 * MIB))
    random_file "$WORK/data/wan/master-512.mov" $((512 * MIB))
    split_into "$WORK/data/wan-small" "$WAN_SMALL_COUNT" "$SMALL_SIZE" scan- .pdf
    cat "$WORK"/data/wan/* "$WORK"/data/wan-small/* >/dev/null
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), load average at start $(cut -d" " -f1-3 /proc/loadavg)"
    echo "settings: commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown), median of $REPEATS, ours at defaults, curl flow $((PART_SIZE / MIB)) MiB parts, job poll: Vault's 10 s rule for both (the emulator enforces it), emulator --discard-content behind --latency/--bandwidth"
    wan_link a 20ms 1Gbit 125000000 1024
    wan_link b 80ms 200Mbit 25000000 1024
    wan_link c 150ms 50Mbit 6250000 512
    local req min_vs
    req=$(printf '%s\n' "$REQ_SMALL_a" "$REQ_SMALL_b" "$REQ_SMALL_c" | sort -g | tail -n 1)
    min_vs=$(printf '%s\n' "$VS_CURL_a" "$VS_CURL_b" "$VS_CURL_c" | sort -g | head -n 1)
    echo "bench-wan: large_util=$UTIL_LARGE_a/$UTIL_LARGE_b/$UTIL_LARGE_c small_util=$UTIL_SMALL_a/$UTIL_SMALL_b/$UTIL_SMALL_c vs_curl_large=$min_vs requests_per_small_file=$req"
}

# --- main ------------------------------------------------------------------------------------------------------
ensure_tools
WORK=$(mktemp -d /tmp/vs-bench.XXXXXX)
mkdir -p "$WORK/logs"
export VAULTSTAGING_USERNAME=admin VAULTSTAGING_PASSWORD=admin
unset VAULTSTAGING_SESSION_ID VAULTSTAGING_VAULT
publish
if ((WAN)); then
    run_wan
    exit 0
fi
start_emulator
generate_data
measure_limits

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr), load average at start $(cut -d" " -f1-3 /proc/loadavg)"
echo "settings: commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- src 2>/dev/null || echo " + uncommitted src changes"), $( ((QUICK)) && echo quick || echo full), median of $REPEATS, part size $((PART_SIZE / MIB)) MiB both, ours at defaults (4 files at once on loopback), job poll ${POLL_SECONDS} s both, emulator --discard-content"
echo "limits: MD5 single core $MD5_LIMIT MiB/s (openssl md5, page cache; md5sum $MD5SUM_RATE, openssl speed $OPENSSL_SPEED, .NET MD5 $DOTNET_MD5) | loopback PUT $PUT_LIMIT MiB/s (curl, 50 MB to /_emulator/discard) | limit = min = $LIMIT MiB/s"
echo "server: emulator upload-part ceiling $PART_CEILING MiB/s (curl re-sending one precomputed $((PART_SIZE / MIB)) MiB part, no client hashing: the most any client gets from this emulator)"

workload large $((LARGE_MIB * MIB)) "1 x $LARGE_MIB MiB"
measure_cpu_per_md5_pass
workload small $((SMALL_COUNT * SMALL_SIZE)) "$SMALL_COUNT x 100 KB"
workload mixed $((MIXED_COUNT * MIXED_SIZE)) "$MIXED_COUNT x 20 MB"
request_budget
download_workloads

say "memory: ours on $RSS_LOW_MIB MiB and $RSS_HIGH_MIB MiB files"
rss_of rss-low
rss_of rss-high
RSS_GROWTH=$(calc %.1f "$RSS_MIB_rss_high - $RSS_MIB_rss_low")
echo "memory: ours peak RSS $RSS_MIB_rss_low MiB for $RSS_LOW_MIB MiB, $RSS_MIB_rss_high MiB for $RSS_HIGH_MIB MiB (growth $RSS_GROWTH MiB), $RSS_MIB_large MiB for $LARGE_MIB MiB"

# On 2 shared cores the emulator's own MD5 caps any client near 0.8 of the MD5 limit, so the large file is judged by
# what the client spends per byte (measure_cpu_per_md5_pass) and by how much of the emulator's own ceiling it reaches.
OF_CEILING=$(calc %.2f "$OURS_RATE_large / $PART_CEILING")
echo "large file: ours CPU $CPU_LARGE s for $LARGE_MIB MiB beside an MD5 pass of $CPU_PASS CPU-s, of which $CPU_FIXED s any run's fixed cost (start-up, login, logout: staging one 1 KB file) = $CPU_PER_MD5 x one MD5 pass (median of runs $CPU_RATIOS; $CPU_WHOLE_RUN x with the fixed cost; floor here $CPU_FLOOR x: one MD5 pass plus $SEND_CPU CPU-s to send the bytes over loopback, send_floor.py); ours $OURS_RATE_large MiB/s = $OF_CEILING of the emulator's ceiling ($PART_CEILING MiB/s)"
verdict() { awk "BEGIN { exit !($1) }" && echo pass || echo MISS; }
echo "targets: large >= 1.5x baseline $(verdict "$RATIO_large >= 1.5"), client CPU <= 1.15x one MD5 pass $(verdict "$CPU_PER_MD5 <= 1.15"), >= 0.90 of the emulator's ceiling $(verdict "$OF_CEILING >= 0.90"), small >= 3x baseline $(verdict "$RATIO_small >= 3"), RSS <= 100 MiB $(verdict "$RSS_MIB_large <= 100"), RSS growth <= 16 MiB $(verdict "$RSS_GROWTH <= 16")"
echo "bench: large=$RATIO_large small=$RATIO_small mixed=$RATIO_mixed cpu_per_md5_pass=$CPU_PER_MD5 of_server_ceiling=$OF_CEILING rss_mib=$RSS_MIB_large rss_growth_mib=$RSS_GROWTH req_per_file_first=$REQ_FIRST req_per_file_rerun=$REQ_RERUN download_large=$DOWNLOAD_RATIO_large download_small=$DOWNLOAD_RATIO_small cpu_floor_per_md5_pass=$CPU_FLOOR"
