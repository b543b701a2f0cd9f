"""The Python rows of bench/run.sh; prints one JSON line (per-call nanoseconds, peak RSS).

    python rows.py package  URL CA N   row 3: the sectigo_sps package, N calls on one client
    python rows.py requests URL CA N   row 4: requests.Session, N calls doing the same POST and
                                       parse (the first line of the body as an int)
"""

import json
import sys
import time

LOGIN = "sandbox-user"
PASSWORD = "s3cr&t=p%+ss word"
ORDER = "1000001"


def peak_rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    mode, url, ca, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ns = []
    clock = time.perf_counter_ns
    if mode == "package":
        import sectigo_sps

        client = sectigo_sps.Client(
            endpoint=url, ca_certs=ca, use_system_roots=False, proxy=None
        )
        with client:
            for _ in range(n):
                start = clock()
                client.resend_invitation_email_smime(LOGIN, PASSWORD, ORDER)
                ns.append(clock() - start)
    elif mode == "requests":
        import requests

        call_url = url + "!ResendInvitationEmailSMIME"
        form = {"loginName": LOGIN, "loginPassword": PASSWORD, "orderNumber": ORDER}
        with requests.Session() as session:
            session.trust_env = False  # no proxy from the environment, like the other rows
            for _ in range(n):
                start = clock()
                response = session.post(call_url, data=form, verify=ca, timeout=30)
                code = int(response.text.split("\n", 1)[0].strip())
                ns.append(clock() - start)
                if code != 0:
                    sys.exit(f"requests: the provider answered {code}: {response.text!r}")
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps({"ns": ns, "peak_rss_kib": peak_rss_kib()}))


if __name__ == "__main__":
    main()
