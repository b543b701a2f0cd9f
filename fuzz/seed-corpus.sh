#!/usr/bin/env bash
# Recreates the seed corpora (gitignored) from the shared response vectors.
#
# corpus/parse_response/<name>: for each vector of tests/vectors/vectors.tsv, the HTTP status as
# two big-endian bytes (the fuzz target's input format) followed by the body, unescaped
# (\n \r \t \\ \xHH, the only escapes of the format, see tests/vectors/README.md).
# corpus/validate_request/*: a few request triples, fields separated by a 0xFF byte.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vectors="$here/../tests/vectors/vectors.tsv"
out="$here/corpus/parse_response"
rm -rf "$out"
mkdir -p "$out"

tab=$'\t'
count=0
while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    # Split by hand: `read` with IFS=TAB would merge the empty body field with its neighbours.
    name="${line%%"$tab"*}"
    rest="${line#*"$tab"}"
    status="${rest%%"$tab"*}"
    rest="${rest#*"$tab"}"
    body="${rest%%"$tab"*}"
    [[ "$name" =~ ^[a-z0-9_]+$ && "$status" =~ ^[0-9]+$ ]] || {
        echo "seed-corpus.sh: bad vector line: $line" >&2
        exit 1
    }
    # printf %b understands exactly the escapes the format uses (\n \r \t \\ \xHH).
    {
        printf "\\x$(printf %02x $((status >> 8)))\\x$(printf %02x $((status & 255)))"
        printf '%b' "$body"
    } > "$out/$name"
    count=$((count + 1))
done < "$vectors"
echo "wrote $count seeds to $out"

out="$here/corpus/validate_request"
rm -rf "$out"
mkdir -p "$out"
seed() { printf '%b' "$2" > "$out/$1"; }
seed valid 'sandbox-user\xffs3cr&t=p%+ss word\xff1000001'
seed unicode 'us\xc3\xa9r\xffp\xc3\xa4ss\xff9'
seed control_in_password 'user\xffse\ncret\xff1'
seed empty_fields '\xff\xff'
seed long_order "user\\xffpw\\xff$(printf '9%.0s' {1..129})"
echo "wrote $(ls "$out" | wc -l) seeds to $out"
