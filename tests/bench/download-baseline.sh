#!/usr/bin/env bash
# The download a Vault admin scripts by hand from the API docs: curl per staged file, in order, into a folder.
#
#   VAULTSTAGING_USERNAME=admin VAULTSTAGING_PASSWORD=admin \
#     download-baseline.sh --vault http://127.0.0.1:PORT/ --to DIR STAGING-FILE...
#
# Files up to 50,000,000 bytes: one GET of the content each. Larger files: GETs of 50,000,000-byte ranges (the API's
# most per range), appended in order. Each file's size is checked against the listing. Exit 0 when every file is
# saved, 1 otherwise.
set -euo pipefail

API_VERSION=v26.1
RANGE=50000000
VAULT=""
TO=""
FILES=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --vault) VAULT=${2%/}; shift 2 ;;
        --to) TO=$2; shift 2 ;;
        -*) echo "download-baseline.sh: unknown option $1" >&2; exit 2 ;;
        *) FILES+=("$1"); shift ;;
    esac
done
[[ -n $VAULT && -n $TO && ${#FILES[@]} -gt 0 ]] || { echo "usage: download-baseline.sh --vault URL --to DIR FILE..." >&2; exit 2; }
: "${VAULTSTAGING_USERNAME:?set VAULTSTAGING_USERNAME}" "${VAULTSTAGING_PASSWORD:?set VAULTSTAGING_PASSWORD}"

API="$VAULT/api/$API_VERSION"
fail() { echo "download-baseline.sh: $1: $2" >&2; exit 1; }
json_field() {
    local match
    match=$(grep -o -m 1 "\"$1\" *: *[^,}]*" <<<"$2" | head -n 1) || true
    match=${match#*:}
    match=${match//\"/}
    echo "${match// /}"
}

answer=$(curl -sS -X POST "$API/auth" --data-urlencode "username=$VAULTSTAGING_USERNAME" --data-urlencode "password=$VAULTSTAGING_PASSWORD")
[[ $answer == *'"responseStatus":"SUCCESS"'* ]] || fail login "$answer"
AUTH=$(json_field sessionId "$answer")
mkdir -p "$TO"

for file in "${FILES[@]}"; do
    listing=$(curl -sS -H "Authorization: $AUTH" "$API/services/file_staging/items$file")
    [[ $listing == *'"responseStatus":"SUCCESS"'* ]] || fail "list $file" "$listing"
    size=$(json_field size "$listing")
    target="$TO/${file##*/}"
    if ((size <= RANGE)); then
        curl -sS -f -H "Authorization: $AUTH" -o "$target" "$API/services/file_staging/items/content$file" || fail "download $file" "curl failed"
    else
        : >"$target"
        for ((first = 0; first < size; first += RANGE)); do
            last=$((first + RANGE - 1 < size - 1 ? first + RANGE - 1 : size - 1))
            curl -sS -f -H "Authorization: $AUTH" -r "$first-$last" "$API/services/file_staging/items/content$file" >>"$target" || fail "download $file" "range $first-$last"
        done
    fi
    [[ $(stat -c %s "$target") == "$size" ]] || fail "download $file" "size $(stat -c %s "$target") instead of $size"
done
