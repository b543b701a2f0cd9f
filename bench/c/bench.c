/*
 * The C rows of bench/run.sh and bench/soak.sh, through the C ABI (include/sectigo_sps.h).
 *
 *   bench calls URL CA N      N calls on one client; one JSON line: per-call nanoseconds and
 *                             peak resident memory (row 2)
 *   bench soak  URL CA CALLS  CALLS calls on one client; VmRSS after the first 1,000 calls and
 *                             at the end, in KiB (bench/soak.sh)
 *
 * Every call must succeed (order 1000001 against the sandbox); any failure exits 1.
 */
#define _POSIX_C_SOURCE 200809L
#include <sectigo_sps.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const LOGIN = "sandbox-user";
static const char *const PASSWORD = "s3cr&t=p%+ss word";
static const char *const ORDER = "1000001";

static void check(int32_t code, char *message, const char *what) {
    if (code != SECTIGO_SPS_OK) {
        fprintf(stderr, "bench: %s: %d %s: %s\n", what, code, sectigo_sps_status_name(code),
                message ? message : "");
        sectigo_sps_string_free(message);
        exit(1);
    }
    sectigo_sps_string_free(message);
}

/* A field of /proc/self/status ("VmRSS", "VmHWM"), in KiB; -1 if missing. */
static long status_kib(const char *field) {
    FILE *file = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    size_t length = strlen(field);
    if (!file) return -1;
    while (fgets(line, sizeof line, file)) {
        if (strncmp(line, field, length) == 0 && line[length] == ':') {
            value = strtol(line + length + 1, NULL, 10);
            break;
        }
    }
    fclose(file);
    return value;
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static sectigo_sps_client *make_client(const char *url, const char *ca) {
    char *message = NULL;
    sectigo_sps_client *client = NULL;
    sectigo_sps_client_builder *builder = sectigo_sps_client_builder_new();
    if (!builder) {
        fprintf(stderr, "bench: no builder\n");
        exit(1);
    }
    check(sectigo_sps_client_builder_set_endpoint(builder, url, &message), message, "endpoint");
    check(sectigo_sps_client_builder_add_root_certificates_file(builder, ca, &message), message,
          "CA file");
    check(sectigo_sps_client_builder_set_use_system_roots(builder, false, &message), message,
          "system roots");
    check(sectigo_sps_client_builder_set_proxy_none(builder, &message), message, "proxy");
    check(sectigo_sps_client_builder_build(builder, &client, &message), message, "build");
    sectigo_sps_client_builder_free(builder);
    return client;
}

static void call(const sectigo_sps_client *client) {
    char *message = NULL;
    int32_t code = sectigo_sps_resend_invitation_email_smime(client, LOGIN, PASSWORD, ORDER,
                                                             &message);
    check(code, message, "call");
}

int main(int argc, char **argv) {
    long n;
    sectigo_sps_client *client;
    if (argc != 5 || (strcmp(argv[1], "calls") != 0 && strcmp(argv[1], "soak") != 0)) {
        fprintf(stderr, "usage: %s calls|soak URL CA N\n", argv[0]);
        return 2;
    }
    n = strtol(argv[4], NULL, 10);
    if (n < 1) {
        fprintf(stderr, "bench: N must be positive\n");
        return 2;
    }
    client = make_client(argv[2], argv[3]);

    if (strcmp(argv[1], "calls") == 0) {
        long long *ns = malloc((size_t)n * sizeof *ns);
        long i;
        if (!ns) return 1;
        for (i = 0; i < n; i++) {
            long long start = now_ns();
            call(client);
            ns[i] = now_ns() - start;
        }
        printf("{\"ns\":[");
        for (i = 0; i < n; i++) printf(i ? ",%lld" : "%lld", ns[i]);
        printf("],\"peak_rss_kib\":%ld}\n", status_kib("VmHWM"));
        free(ns);
    } else {
        long warm = n < 1000 ? n : 1000, i;
        long rss_warm, rss_end;
        long long start = now_ns();
        for (i = 0; i < warm; i++) call(client);
        rss_warm = status_kib("VmRSS");
        for (; i < n; i++) {
            call(client);
            if ((i + 1) % 10000 == 0) {
                fprintf(stderr, "soak: %ld calls, VmRSS %ld KiB\n", i + 1, status_kib("VmRSS"));
            }
        }
        rss_end = status_kib("VmRSS");
        printf("{\"calls\":%ld,\"seconds\":%.3f,\"rss_after_1000_kib\":%ld,\"rss_end_kib\":%ld,"
               "\"rss_diff_kib\":%ld,\"peak_rss_kib\":%ld}\n",
               n, (double)(now_ns() - start) / 1e9, rss_warm, rss_end, rss_end - rss_warm,
               status_kib("VmHWM"));
    }
    sectigo_sps_client_free(client);
    return 0;
}
