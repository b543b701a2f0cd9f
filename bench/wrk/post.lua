-- wrk script for bench/run.sh's sandbox floor: the same POST as every row (order 1000001,
-- the sandbox credentials, form-encoded). run.sh checks the answer with curl first; wrk
-- itself counts only socket errors and non-2xx statuses.
wrk.method = "POST"
wrk.path = wrk.path .. "!ResendInvitationEmailSMIME"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "loginName=sandbox-user&loginPassword=s3cr%26t%3Dp%25%2Bss+word&orderNumber=1000001"

done = function(summary, latency, requests)
  io.write(string.format("wrk-json {\"requests\":%d,\"seconds\":%.3f,\"errors\":%d,\"p50_us\":%d,\"p99_us\":%d}\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
