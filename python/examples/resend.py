"""Resend an S/MIME invitation email, and handle every outcome.

Credentials come from SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD (as for the command line).
Against the sandbox (`target/debug/sectigo-sps-sandbox --ca-out /tmp/ca.pem` prints the URL;
its credentials are sandbox-user / s3cr&t=p%+ss word):

    python examples/resend.py --endpoint https://127.0.0.1:PORT/products/ --ca /tmp/ca.pem 1000001

Against the provider, leave out --endpoint and --ca.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

import sectigo_sps


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("order_number")
    parser.add_argument("--endpoint", help="base URL (default: the provider's)")
    parser.add_argument("--ca", help="PEM file of an extra CA to trust (the sandbox's)")
    arguments = parser.parse_args(argv)

    # Never a default: sandbox credentials sent to the provider would be a failed login, and
    # repeated failed logins get the source IP blocked.
    login_name = os.environ.get("SECTIGO_LOGIN_NAME")
    password = os.environ.get("SECTIGO_LOGIN_PASSWORD")
    if login_name is None or password is None:
        parser.error("set SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD")
    credentials = sectigo_sps.Credentials(login_name, password)
    try:
        with sectigo_sps.Client(endpoint=arguments.endpoint, ca_certs=arguments.ca) as client:
            client.resend_invitation_email_smime(credentials, arguments.order_number)
    except sectigo_sps.AuthenticationError as error:
        # Never retried: repeated bad logins get the source IP blocked.
        print(f"login refused ({error.code}): {error.message}", file=sys.stderr)
        return 2
    except sectigo_sps.ProviderError as error:
        print(f"the provider refused ({error.code}): {error.message}", file=sys.stderr)
        return 1
    except sectigo_sps.SectigoError as error:
        retry = "safe to retry" if error.safe_to_retry else "do not retry blindly"
        print(f"no verdict ({error.code}, {retry}): {error.message}", file=sys.stderr)
        return 3
    print(f"invitation for order {arguments.order_number} resent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
