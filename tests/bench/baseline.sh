#!/usr/bin/env bash
# The flow a Vault admin scripts by hand from the API docs (the seed's curl flow), used as the benchmark baseline.
#
#   VAULTSTAGING_USERNAME=admin VAULTSTAGING_PASSWORD=admin \
#     baseline.sh --vault http://127.0.0.1:PORT/ --to /u1000/in [--part-size BYTES] [--poll SECONDS] FILE...
#
# Files up to 50,000,000 bytes: one multipart POST each (curl per file, in order). Larger files: create a session,
# `split` the file into parts, per part compute the MD5 and PUT it with Content-MD5 and X-VaultAPI-FilePartNumber,
# parts in order, then commit and poll the job. Every answer is checked (SUCCESS, size/MD5 echoed by the server),
# so the baseline verifies as much as `vaultstaging upload` does. The folder --to is created when missing.
# Exit code 0 when every file is staged, 1 otherwise (the failing answer goes to stderr).
set -euo pipefail

API_VERSION=v26.1
SMALL_FILE_LIMIT=50000000
PART_SIZE=16777216
POLL=10
VAULT=""
TO=""
FILES=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --vault) VAULT=${2%/}; shift 2 ;;
        --to) TO=${2%/}; shift 2 ;;
        --part-size) PART_SIZE=$2; shift 2 ;;
        --poll) POLL=$2; shift 2 ;;
        -*) echo "baseline.sh: unknown option $1" >&2; exit 2 ;;
        *) FILES+=("$1"); shift ;;
    esac
done
[[ -n $VAULT && -n $TO && ${#FILES[@]} -gt 0 ]] || { echo "usage: baseline.sh --vault URL --to FOLDER FILE..." >&2; exit 2; }
: "${VAULTSTAGING_USERNAME:?set VAULTSTAGING_USERNAME}" "${VAULTSTAGING_PASSWORD:?set VAULTSTAGING_PASSWORD}"

API="$VAULT/api/$API_VERSION"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/baseline.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "baseline.sh: $1: $2" >&2; exit 1; }

# json_field NAME TEXT: the first value of "NAME" (string or number) in a JSON answer.
json_field() {
    local match
    match=$(grep -o -m 1 "\"$1\" *: *[^,}]*" <<<"$2" | head -n 1) || true
    match=${match#*:}
    match=${match//\"/}
    echo "${match// /}"
}

expect_success() { [[ $2 == *'"responseStatus":"SUCCESS"'* ]] || fail "$1" "$2"; }

# md5_of FILE: sets HEX (what Vault echoes) and B64 (RFC 1864 Content-MD5).
md5_of() {
    read -r HEX _ < <(md5sum "$1")
    B64=$(xxd -r -p <<<"$HEX" | base64)
}

login() {
    local answer
    answer=$(curl -sS -X POST "$API/auth" \
        --data-urlencode "username=$VAULTSTAGING_USERNAME" --data-urlencode "password=$VAULTSTAGING_PASSWORD")
    expect_success "login" "$answer"
    AUTH=$(json_field sessionId "$answer")
}

ensure_folder() {
    local path=$1 parent answer
    parent=${path%/*}
    [[ -n $parent ]] && ensure_folder "$parent"
    answer=$(curl -sS -H "Authorization: $AUTH" "$API/services/file_staging/items$path?limit=1")
    [[ $answer == *'"responseStatus":"SUCCESS"'* ]] && return 0
    answer=$(curl -sS -X POST -H "Authorization: $AUTH" -F kind=folder -F "path=$path" "$API/services/file_staging/items")
    expect_success "create folder $path" "$answer"
}

upload_small() {
    local file=$1 target=$2 answer
    md5_of "$file"
    answer=$(curl -sS -X POST -H "Authorization: $AUTH" -H "Content-MD5: $B64" \
        -F kind=file -F "path=$target" -F overwrite=false -F "file=@$file" "$API/services/file_staging/items")
    expect_success "upload $file" "$answer"
    [[ $(json_field file_content_md5 "$answer") == "$HEX" ]] || fail "upload $file" "MD5 mismatch: $answer"
}

upload_large() {
    local file=$1 target=$2 size answer session part number job status
    size=$(stat -c %s "$file")
    answer=$(curl -sS -X POST -H "Authorization: $AUTH" \
        --data-urlencode "path=$target" -d "size=$size" -d overwrite=false "$API/services/file_staging/upload")
    expect_success "create session for $file" "$answer"
    session=$(json_field id "$answer")

    rm -rf "$WORK/parts" && mkdir "$WORK/parts"
    split -b "$PART_SIZE" -a 5 -d "$file" "$WORK/parts/part."
    number=0
    for part in "$WORK"/parts/part.*; do
        number=$((number + 1))
        md5_of "$part"
        answer=$(curl -sS -X PUT -H "Authorization: $AUTH" -H "Content-Type: application/octet-stream" \
            -H "X-VaultAPI-FilePartNumber: $number" -H "Content-MD5: $B64" \
            --data-binary "@$part" "$API/services/file_staging/upload/$session")
        expect_success "part $number of $file" "$answer"
        [[ $(json_field part_content_md5 "$answer") == "$HEX" ]] || fail "part $number of $file" "MD5 mismatch: $answer"
    done
    rm -rf "$WORK/parts"

    answer=$(curl -sS -X POST -H "Authorization: $AUTH" "$API/services/file_staging/upload/$session")
    expect_success "commit $file" "$answer"
    job=$(json_field job_id "$answer")
    while true; do
        sleep "$POLL"
        answer=$(curl -sS -H "Authorization: $AUTH" "$API/services/jobs/$job")
        expect_success "job $job" "$answer"
        status=$(json_field status "$answer")
        case "$status" in
            SUCCESS) break ;;
            ERRORS_ENCOUNTERED | CANCELLED | TIMEOUT | MISSED_SCHEDULE) fail "job $job for $file" "$status" ;;
        esac
    done
}

login
ensure_folder "$TO"
for file in "${FILES[@]}"; do
    target="$TO/${file##*/}"
    if (($(stat -c %s "$file") <= SMALL_FILE_LIMIT)); then
        upload_small "$file" "$target"
    else
        upload_large "$file" "$target"
    fi
done
curl -sS -o /dev/null -X DELETE -H "Authorization: $AUTH" "$API/session"
