#!/usr/bin/env bash
# The provider's documented sample request, sent with curl (a client we did not write) to the
# sandbox: it must get the success answer, and the sandbox must record the invitation.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v curl >/dev/null; then
  echo "curl sample: skipped (curl is not installed)"
  exit 0
fi
sandbox=${SANDBOX_BIN:-target/debug/sectigo-sps-sandbox}
work=$(mktemp -d)
coproc SANDBOX { exec "$sandbox" --port 0 --ca-out "$work/ca.pem" --exit-on-stdin-eof; }
trap 'kill "$SANDBOX_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
read -r base_url <&"${SANDBOX[0]}"
host=${base_url%/products/}

# The documented sample, pointed at the sandbox with --cacert.
answer=$(curl --silent --show-error --cacert "$work/ca.pem" \
  -X POST "${base_url}!ResendInvitationEmailSMIME" \
  --data-urlencode 'loginName=sandbox-user' \
  --data-urlencode 'loginPassword=s3cr&t=p%+ss word' \
  --data-urlencode 'orderNumber=1000001')
recorded=$(curl --silent --show-error --cacert "$work/ca.pem" "$host/_sandbox/invitations" | cut -f1)

if [ "$answer" = "0" ] && [ "$recorded" = "1000001" ]; then
  echo "curl sample: 1 passed, 0 failed"
else
  echo "curl sample: answer=$(printf %q "$answer") recorded=$(printf %q "$recorded")"
  echo "curl sample: 0 passed, 1 failed"
  exit 1
fi
