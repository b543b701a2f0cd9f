#!/usr/bin/env bash
# The provider's documented sample request, sent with curl (a client we did not write) to the
# sandbox: it must get the success answer, and the sandbox must record the invitation.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v curl >/dev/null; then
  echo "curl sample: skipped (curl is not installed)"
  exit 0
fi
source tests/lib.sh
work=$(mktemp -d)
trap 'sandbox_stop; rm -rf "$work"' EXIT
sandbox_start "$work"
host=${SANDBOX_URL%/products/}

# The documented sample, pointed at the sandbox with --cacert.
answer=$(curl --silent --show-error --cacert "$SANDBOX_CA" \
  -X POST "${SANDBOX_URL}!ResendInvitationEmailSMIME" \
  --data-urlencode 'loginName=sandbox-user' \
  --data-urlencode 'loginPassword=s3cr&t=p%+ss word' \
  --data-urlencode 'orderNumber=1000001')
recorded=$(curl --silent --show-error --cacert "$SANDBOX_CA" "$host/_sandbox/invitations" | cut -f1)

if [ "$answer" = "0" ] && [ "$recorded" = "1000001" ]; then
  echo "curl sample: 1 passed, 0 failed"
else
  echo "curl sample: answer=$(printf %q "$answer") recorded=$(printf %q "$recorded")"
  echo "curl sample: 0 passed, 1 failed"
  exit 1
fi
