/*
 * End-to-end tests of libsectigo_sps from C, against a running sandbox.
 *
 *   test_sectigo_sps HTTPS_BASE_URL PLAIN_BASE_URL CA_PEM_FILE VECTORS_TSV
 *
 * The sandbox's own record (what it received, which invitations it "sent") is read over its
 * plain-HTTP listener with a few lines of socket code below (GET /_sandbox/stats and
 * /_sandbox/invitations, POST /_sandbox/reset): no curl, no HTTPS client in the test.
 *
 * Environment: SECTIGO_SPS_TEST_CALLS_PER_THREAD (default 40; 8 threads) for the thread test.
 * Prints one line per test case and ends with "N passed, M failed"; exit status 0 only when
 * nothing failed.
 */
#define _POSIX_C_SOURCE 200809L

#include <sectigo_sps.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------------------------------ */
/* Fixture facts (sandbox/src/main.rs --help and sandbox/fixtures/orders.tsv)                  */

#define LOGIN "sandbox-user"
#define PASSWORD "s3cr&t=p%+ss word"
#define WRONG_PASSWORD "Wr0ng-pa55word!"
#define BAD_LOGIN_MESSAGE                                                                      \
    "Incorrect login details, account is locked, password has expired or your source IP is "   \
    "blocked."

#define P16 "PPPPPPPPPPPPPPPP"

/* Every password this program sends, and the form-encoded sandbox password: none of them may
 * ever appear in a message the library returns. */
static const char *const SECRETS[] = {
    PASSWORD, "s3cr%26t%3Dp%25%2Bss+word", WRONG_PASSWORD, "s3cr\tt", "pass\xffword",
    /* the 129-character password of the length test */
    P16 P16 P16 P16 P16 P16 P16 P16 "P",
};

/* A real public root (ISRG Root X2) that did not sign the sandbox's certificate. */
static const char *const UNRELATED_ROOT_PEM =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICGzCCAaGgAwIBAgIQQdKd0XLq7qeAwSxs6S+HUjAKBggqhkjOPQQDAzBPMQsw\n"
    "CQYDVQQGEwJVUzEpMCcGA1UEChMgSW50ZXJuZXQgU2VjdXJpdHkgUmVzZWFyY2gg\n"
    "R3JvdXAxFTATBgNVBAMTDElTUkcgUm9vdCBYMjAeFw0yMDA5MDQwMDAwMDBaFw00\n"
    "MDA5MTcxNjAwMDBaME8xCzAJBgNVBAYTAlVTMSkwJwYDVQQKEyBJbnRlcm5ldCBT\n"
    "ZWN1cml0eSBSZXNlYXJjaCBHcm91cDEVMBMGA1UEAxMMSVNSRyBSb290IFgyMHYw\n"
    "EAYHKoZIzj0CAQYFK4EEACIDYgAEzZvVn4CDCuwJSvMWSj5cz3es3mcFDR0HttwW\n"
    "+1qLFNvicWDEukWVEYmO6gbf9yoWHKS5xcUy4APgHoIYOIvXRdgKam7mAHf7AlF9\n"
    "ItgKbppbd9/w+kHsOdx1ymgHDB/qo0IwQDAOBgNVHQ8BAf8EBAMCAQYwDwYDVR0T\n"
    "AQH/BAUwAwEB/zAdBgNVHQ4EFgQUfEKWrt5LSDv6kviejM9ti6lyN5UwCgYIKoZI\n"
    "zj0EAwMDaAAwZQIwe3lORlCEwkSHRhtFcP9Ymd70/aTSVaYgLXTWNLxBo1BfASdW\n"
    "tL4ndQavEi51mI38AjEAi/V3bNTIZargCyzuFJ0nN6T5U6VR5CmD1/iQMVtCnwr1\n"
    "/q4AaOeMSQ+2b1tbFfLn\n"
    "-----END CERTIFICATE-----\n";

static const char *https_url, *plain_url, *ca_file, *vectors_file;
static int plain_port, https_port;

/* ------------------------------------------------------------------------------------------ */
/* A small test runner: cases of assertions                                                    */

static int cases_passed, cases_failed, assertions;
static int case_failures;
static const char *case_name;
static int secret_leaks, messages_seen; /* updated from several threads: __atomic below */

static void begin(const char *name) {
    case_name = name;
    case_failures = 0;
}

static void end(void) {
    if (case_failures == 0) {
        cases_passed++;
        printf("ok   %s\n", case_name);
    } else {
        cases_failed++;
        printf("FAIL %s\n", case_name);
    }
    fflush(stdout);
}

static void fail(int line, const char *format, ...) {
    va_list args;
    case_failures++;
    fprintf(stdout, "  %s (test_sectigo_sps.c:%d): ", case_name, line);
    va_start(args, format);
    vfprintf(stdout, format, args);
    va_end(args);
    fputc('\n', stdout);
}

#define EXPECT(cond)                                                                           \
    do {                                                                                       \
        assertions++;                                                                          \
        if (!(cond)) fail(__LINE__, "expected %s", #cond);                                     \
    } while (0)

#define EXPECT_INT(actual, expected)                                                           \
    do {                                                                                       \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                        \
        assertions++;                                                                          \
        if (a_ != e_) fail(__LINE__, "%s is %lld, expected %lld", #actual, a_, e_);            \
    } while (0)

/* NULL-aware string comparison: expected NULL means "must be NULL". */
#define EXPECT_STR(actual, expected)                                                           \
    do {                                                                                       \
        const char *a_ = (actual), *e_ = (expected);                                           \
        assertions++;                                                                          \
        if ((a_ == NULL) != (e_ == NULL) || (a_ != NULL && strcmp(a_, e_) != 0))               \
            fail(__LINE__, "%s is \"%s\", expected \"%s\"", #actual, a_ ? a_ : "(NULL)",       \
                 e_ ? e_ : "(NULL)");                                                          \
    } while (0)

#define EXPECT_PREFIX(actual, prefix)                                                          \
    do {                                                                                       \
        const char *a_ = (actual), *p_ = (prefix);                                             \
        assertions++;                                                                          \
        if (a_ == NULL || strncmp(a_, p_, strlen(p_)) != 0)                                    \
            fail(__LINE__, "%s is \"%s\", expected to start with \"%s\"", #actual,            \
                 a_ ? a_ : "(NULL)", p_);                                                      \
    } while (0)

/* ------------------------------------------------------------------------------------------ */
/* Outcomes: every message from the library goes through take_message                          */

typedef struct {
    int32_t code;
    char *message; /* our own copy (malloc), or NULL when the library wrote NULL */
} outcome;

/* Copies the library's message, checks that it holds no password, frees it the library's way. */
static char *take_message(char *message) {
    char *copy = NULL;
    size_t i;
    if (message == NULL) return NULL;
    __atomic_add_fetch(&messages_seen, 1, __ATOMIC_RELAXED);
    for (i = 0; i < sizeof SECRETS / sizeof SECRETS[0]; i++) {
        if (strstr(message, SECRETS[i]) != NULL) {
            __atomic_add_fetch(&secret_leaks, 1, __ATOMIC_RELAXED);
            fprintf(stdout, "  a returned message contains a password: %s\n", message);
        }
    }
    copy = strdup(message);
    sectigo_sps_string_free(message);
    return copy;
}

static void outcome_free(outcome *o) {
    free(o->message);
    o->message = NULL;
}

/* A sentinel the library must overwrite with NULL on success. */
static char sentinel_byte;
#define SENTINEL (&sentinel_byte)

static outcome call(const sectigo_sps_client *client, const char *login, const char *password,
                    const char *order) {
    outcome o;
    char *message = SENTINEL;
    o.code = sectigo_sps_resend_invitation_email_smime(client, login, password, order, &message);
    o.message = message == SENTINEL ? strdup("(message not written)") : take_message(message);
    return o;
}

static outcome call_within(const sectigo_sps_client *client, const char *login,
                           const char *password, const char *order, uint32_t timeout_ms) {
    outcome o;
    char *message = SENTINEL;
    o.code = sectigo_sps_resend_invitation_email_smime_with_timeout(client, login, password, order,
                                                                    timeout_ms, &message);
    o.message = message == SENTINEL ? strdup("(message not written)") : take_message(message);
    return o;
}

/* Asserts one call's exact code and message (NULL: no message, i.e. success), then frees it. */
#define EXPECT_OUTCOME(o, code_, message_)                                                     \
    do {                                                                                       \
        outcome o_ = (o);                                                                      \
        EXPECT_INT(o_.code, code_);                                                            \
        EXPECT_STR(o_.message, message_);                                                      \
        outcome_free(&o_);                                                                     \
    } while (0)

/* Runs `expr`, which may use a `char *message` declared here (as `&message`), and asserts its
 * exact code and message; EXPECT_RUN_PREFIX checks the message's beginning only. */
#define EXPECT_RUN_(expr, code_, message_, check)                                              \
    do {                                                                                       \
        outcome o_;                                                                            \
        char *message = SENTINEL;                                                              \
        o_.code = (expr);                                                                      \
        o_.message =                                                                           \
            message == SENTINEL ? strdup("(message not written)") : take_message(message);     \
        EXPECT_INT(o_.code, code_);                                                            \
        check(o_.message, message_);                                                           \
        outcome_free(&o_);                                                                     \
    } while (0)
#define EXPECT_RUN(expr, code_, message_) EXPECT_RUN_(expr, code_, message_, EXPECT_STR)
#define EXPECT_RUN_PREFIX(expr, code_, prefix_) EXPECT_RUN_(expr, code_, prefix_, EXPECT_PREFIX)

/* ------------------------------------------------------------------------------------------ */
/* The sandbox's control endpoints, over its plain-HTTP listener                               */

static int port_of(const char *url) {
    const char *colon = strrchr(url, ':');
    return colon ? atoi(colon + 1) : 0;
}

/* Sends one request with Connection: close and returns the body (malloc), or NULL. */
static char *control(const char *method, const char *path) {
    struct sockaddr_in address;
    char request[256], *response = NULL, *body;
    size_t length = 0, capacity = 0;
    ssize_t got;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return NULL;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)plain_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return NULL;
    }
    snprintf(request, sizeof request,
             "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
             method, path);
    if (write(fd, request, strlen(request)) != (ssize_t)strlen(request)) {
        close(fd);
        return NULL;
    }
    for (;;) {
        if (capacity - length < 4096) {
            char *bigger = realloc(response, capacity + 65536);
            if (bigger == NULL) break;
            response = bigger;
            capacity += 65536;
        }
        got = read(fd, response + length, capacity - length - 1);
        if (got <= 0) break;
        length += (size_t)got;
    }
    close(fd);
    if (response == NULL) return NULL;
    response[length] = '\0';
    body = strstr(response, "\r\n\r\n");
    if (body == NULL || strncmp(response, "HTTP/1.1 2", 10) != 0) {
        free(response);
        return NULL;
    }
    body = strdup(body + 4);
    free(response);
    return body;
}

/* Requests the sandbox received on the endpoint (control requests excluded); -1 on error. */
static long sandbox_requests(void) {
    char *stats = control("GET", "/_sandbox/stats");
    const char *field;
    long requests = -1;
    if (stats != NULL && (field = strstr(stats, "\"requests\":")) != NULL)
        requests = strtol(field + strlen("\"requests\":"), NULL, 10);
    free(stats);
    return requests;
}

/* Invitations recorded for `order` (all orders when NULL), from "order\tlogin\tunix_ms" lines;
 * -1 on error. `login_out` (if not NULL) receives the login name of the last match. */
static long sandbox_invitations(const char *order, char *login_out, size_t login_size) {
    char *lines = control("GET", "/_sandbox/invitations"), *line, *next;
    long count = 0;
    if (lines == NULL) return -1;
    for (line = lines; *line != '\0'; line = next) {
        char *tab = strchr(line, '\t'), *tab2;
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        if (tab == NULL) continue;
        if (order == NULL || ((size_t)(tab - line) == strlen(order) &&
                              strncmp(line, order, strlen(order)) == 0)) {
            count++;
            tab2 = strchr(tab + 1, '\t');
            if (login_out != NULL && tab2 != NULL && (size_t)(tab2 - tab - 1) < login_size) {
                memcpy(login_out, tab + 1, (size_t)(tab2 - tab - 1));
                login_out[tab2 - tab - 1] = '\0';
            }
        }
    }
    free(lines);
    return count;
}

static int sandbox_reset(void) {
    char *body = control("POST", "/_sandbox/reset");
    int ok = body != NULL;
    free(body);
    return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Clients                                                                                     */

/* A client of the sandbox at `endpoint` trusting the sandbox's CA only; NULL on failure. */
static sectigo_sps_client *sandbox_client(const char *endpoint, uint32_t timeout_ms) {
    sectigo_sps_client *client = NULL;
    sectigo_sps_client_builder *builder = sectigo_sps_client_builder_new();
    int ok = builder != NULL &&
             sectigo_sps_client_builder_set_endpoint(builder, endpoint, NULL) == 0 &&
             sectigo_sps_client_builder_add_root_certificates_file(builder, ca_file, NULL) == 0 &&
             sectigo_sps_client_builder_set_use_system_roots(builder, false, NULL) == 0 &&
             sectigo_sps_client_builder_set_proxy_none(builder, NULL) == 0 &&
             sectigo_sps_client_builder_set_timeout_ms(builder, timeout_ms, NULL) == 0 &&
             sectigo_sps_client_builder_build(builder, &client, NULL) == 0;
    sectigo_sps_client_builder_free(builder);
    if (!ok) {
        sectigo_sps_client_free(client);
        return NULL;
    }
    return client;
}

static sectigo_sps_client *shared_client; /* the sandbox over HTTPS, 15 s per call */

/* ------------------------------------------------------------------------------------------ */
/* Test cases                                                                                  */

static void test_version(void) {
    char built[64];
    begin("version: header macros equal sectigo_sps_version()");
    EXPECT_STR(sectigo_sps_version(), SECTIGO_SPS_VERSION);
    snprintf(built, sizeof built, "%d.%d.%d", SECTIGO_SPS_VERSION_MAJOR, SECTIGO_SPS_VERSION_MINOR,
             SECTIGO_SPS_VERSION_PATCH);
    EXPECT_STR(built, SECTIGO_SPS_VERSION);
    EXPECT(sectigo_sps_version() == sectigo_sps_version());
    end();
}

static void test_status_names(void) {
    static const struct {
        int32_t code;
        const char *name, *category;
    } table[] = {
        {SECTIGO_SPS_OK, "ok", "success"},
        {SECTIGO_SPS_NOT_HTTPS, "not_https", "invalid_request"},
        {SECTIGO_SPS_UNRECOGNISED_ARGUMENT, "unrecognised_argument", "invalid_request"},
        {SECTIGO_SPS_MISSING_ARGUMENT, "missing_argument", "invalid_request"},
        {SECTIGO_SPS_INVALID_ARGUMENT_VALUE, "invalid_argument_value", "invalid_request"},
        {SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR, "unknown_provider_error", "provider_other"},
        {SECTIGO_SPS_AUTHENTICATION_FAILED, "authentication_failed", "authentication"},
        {SECTIGO_SPS_NOT_POST, "not_post", "invalid_request"},
        {SECTIGO_SPS_CERTIFICATE_WRONG_STATE, "certificate_wrong_state", "certificate_state"},
        {SECTIGO_SPS_INVALID_ARGUMENT, "invalid_argument", "invalid_argument"},
        {SECTIGO_SPS_NULL_POINTER, "null_pointer", "invalid_argument"},
        {SECTIGO_SPS_INVALID_UTF8, "invalid_utf8", "invalid_argument"},
        {SECTIGO_SPS_INVALID_CONFIG, "invalid_config", "invalid_config"},
        {SECTIGO_SPS_CONNECT_FAILED, "connect_failed", "connection"},
        {SECTIGO_SPS_TIMEOUT, "timeout", "timeout"},
        {SECTIGO_SPS_TLS, "tls", "tls"},
        {SECTIGO_SPS_HTTP_STATUS, "http_status", "malformed_response"},
        {SECTIGO_SPS_MALFORMED_RESPONSE, "malformed_response", "malformed_response"},
        {SECTIGO_SPS_RESPONSE_TOO_LARGE, "response_too_large", "malformed_response"},
        {SECTIGO_SPS_CONNECTION_LOST, "connection_lost", "connection"},
        {SECTIGO_SPS_REDIRECT, "redirect", "malformed_response"},
        {SECTIGO_SPS_INTERNAL, "internal", "internal"},
        {SECTIGO_SPS_TIMEOUT_BEFORE_SEND, "timeout_before_send", "timeout"},
        {-9901, "provider_unlisted", "provider_other"},
        {-42, "provider_unlisted", "provider_other"},
        {999, "unknown", "internal"},
    };
    size_t i;
    begin("status names and categories of every constant, unlisted and unknown codes");
    EXPECT_INT(SECTIGO_SPS_NOT_HTTPS, -1);
    EXPECT_INT(SECTIGO_SPS_CERTIFICATE_WRONG_STATE, -122);
    EXPECT_INT(SECTIGO_SPS_INVALID_ARGUMENT, 1);
    EXPECT_INT(SECTIGO_SPS_INTERNAL, 13);
    EXPECT_INT(SECTIGO_SPS_TIMEOUT_BEFORE_SEND, 14);
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        EXPECT_STR(sectigo_sps_status_name(table[i].code), table[i].name);
        EXPECT_STR(sectigo_sps_status_category(table[i].code), table[i].category);
        /* static strings: the same pointer every time, nothing to free */
        EXPECT(sectigo_sps_status_name(table[i].code) == sectigo_sps_status_name(table[i].code));
    }
    end();
}

static void test_safe_to_retry(void) {
    int32_t code;
    int safe = 0;
    begin("safe to retry: only SECTIGO_SPS_CONNECT_FAILED and SECTIGO_SPS_TIMEOUT_BEFORE_SEND");
    EXPECT(sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_CONNECT_FAILED));
    EXPECT(sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_TIMEOUT_BEFORE_SEND));
    EXPECT(sectigo_sps_status_is_safe_to_retry(5));
    EXPECT(sectigo_sps_status_is_safe_to_retry(14));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_TIMEOUT));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_CONNECTION_LOST));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_AUTHENTICATION_FAILED));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_OK));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(6));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(11));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(-16));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(0));
    for (code = -200; code < 200; code++) safe += sectigo_sps_status_is_safe_to_retry(code) ? 1 : 0;
    EXPECT_INT(safe, 2);
    EXPECT(!sectigo_sps_status_is_safe_to_retry(INT32_MIN));
    EXPECT(!sectigo_sps_status_is_safe_to_retry(INT32_MAX));
    end();
}

static void test_success(void) {
    char login[128] = "";
    long requests;
    begin("success: code 0, *message set to NULL, the sandbox recorded the invitation");
    EXPECT(sandbox_reset());
    EXPECT_INT(sandbox_invitations(NULL, NULL, 0), 0);
    requests = sandbox_requests();
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000001"), SECTIGO_SPS_OK, NULL);
    EXPECT_INT(sandbox_invitations(NULL, NULL, 0), 1);
    EXPECT_INT(sandbox_invitations("1000001", login, sizeof login), 1);
    EXPECT_STR(login, LOGIN);
    EXPECT_OUTCOME(call_within(shared_client, LOGIN, PASSWORD, "1000002", 10000), SECTIGO_SPS_OK,
                   NULL);
    EXPECT_INT(sandbox_invitations("1000002", NULL, 0), 1);
    /* message == NULL is accepted on success */
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime(shared_client, LOGIN, PASSWORD, "1000003",
                                                         NULL),
               SECTIGO_SPS_OK);
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime_with_timeout(
                   shared_client, LOGIN, PASSWORD, "1000003", 10000, NULL),
               SECTIGO_SPS_OK);
    EXPECT_INT(sandbox_invitations("1000003", NULL, 0), 2);
    EXPECT_INT(sandbox_invitations(NULL, NULL, 0), 4);
    EXPECT_INT(sandbox_requests() - requests, 4);
    end();
}

static void test_provider_codes(void) {
    sectigo_sps_client *plain = sandbox_client(plain_url, 15000);
    long invitations = sandbox_invitations(NULL, NULL, 0);
    begin("provider codes: -1 -2 -3 -4 -14 -16 -17 -122 and unlisted -9901..-9903, unchanged");
    EXPECT(plain != NULL);
    EXPECT_OUTCOME(call(plain, LOGIN, PASSWORD, "1000001"), SECTIGO_SPS_NOT_HTTPS,
                   "Request was not made over https!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "vector-unrecognised_argument"),
                   SECTIGO_SPS_UNRECOGNISED_ARGUMENT,
                   "'responseFormat' is an unrecognised argument!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "vector-missing_argument"),
                   SECTIGO_SPS_MISSING_ARGUMENT, "The 'orderNumber' argument is missing!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "abc"), SECTIGO_SPS_INVALID_ARGUMENT_VALUE,
                   "The value of the 'orderNumber' argument is invalid!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000014"),
                   SECTIGO_SPS_UNKNOWN_PROVIDER_ERROR, "An unknown error occurred!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, WRONG_PASSWORD, "1000001"),
                   SECTIGO_SPS_AUTHENTICATION_FAILED, BAD_LOGIN_MESSAGE);
    EXPECT_OUTCOME(call(shared_client, "someone-else", PASSWORD, "1000001"),
                   SECTIGO_SPS_AUTHENTICATION_FAILED, BAD_LOGIN_MESSAGE);
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "vector-not_post"), SECTIGO_SPS_NOT_POST,
                   "Request used GET rather than POST!");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000122"),
                   SECTIGO_SPS_CERTIFICATE_WRONG_STATE, "The Certificate is in wrong state.");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000901"), -9901,
                   "The required agreement has not been accepted.");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000902"), -9902,
                   "The Certificate has pending actions.");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "1000903"), -9903,
                   "The Certificate has not been issued yet.");
    /* message == NULL is accepted on failure too */
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime(shared_client, LOGIN, PASSWORD, "1000122",
                                                         NULL),
               SECTIGO_SPS_CERTIFICATE_WRONG_STATE);
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime_with_timeout(
                   shared_client, LOGIN, WRONG_PASSWORD, "1000001", 10000, NULL),
               SECTIGO_SPS_AUTHENTICATION_FAILED);
    EXPECT_INT(sandbox_invitations(NULL, NULL, 0), invitations); /* no refusal sent an email */
    sectigo_sps_client_free(plain);
    end();
}

/* --- shared vectors ------------------------------------------------------------------------ */

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Unescapes \n \r \t \\ \xHH in place; returns the length, or -1 for an unknown escape. */
static long unescape(char *text) {
    char *in = text, *out = text;
    while (*in != '\0') {
        if (*in != '\\') {
            *out++ = *in++;
            continue;
        }
        switch (in[1]) {
        case 'n': *out++ = '\n'; in += 2; break;
        case 'r': *out++ = '\r'; in += 2; break;
        case 't': *out++ = '\t'; in += 2; break;
        case '\\': *out++ = '\\'; in += 2; break;
        case 'x':
            if (hex_value(in[2]) < 0 || hex_value(in[3]) < 0) return -1;
            *out++ = (char)(hex_value(in[2]) * 16 + hex_value(in[3]));
            in += 4;
            break;
        default: return -1;
        }
    }
    *out = '\0';
    return (long)(out - text);
}

static void test_vectors(void) {
    FILE *file = fopen(vectors_file, "r");
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    int count = 0;
    static char name[256];
    if (file == NULL) {
        begin("vectors: the file opens");
        fail(__LINE__, "cannot open %s", vectors_file);
        end();
        return;
    }
    while ((length = getline(&line, &capacity, file)) >= 0) {
        char *fields[5], *cursor = line, order[300];
        long message_length;
        int n = 0;
        if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
        if (length == 0 || line[0] == '#') continue;
        for (n = 0; n < 5 && cursor != NULL; n++) {
            fields[n] = cursor;
            cursor = strchr(cursor, '\t');
            if (cursor != NULL) *cursor++ = '\0';
        }
        snprintf(name, sizeof name, "vector %s", n >= 1 ? fields[0] : "(unnamed)");
        begin(name);
        count++;
        if (n != 5 || cursor != NULL) {
            fail(__LINE__, "not 5 tab-separated fields");
            end();
            continue;
        }
        message_length = unescape(fields[4]);
        EXPECT(message_length >= 0);
        EXPECT(unescape(fields[2]) >= 0); /* the body: only checked for valid escapes here */
        /* An expected message with a NUL could not be compared as a C string; none exists. */
        EXPECT_INT((long)strlen(fields[4]), message_length);
        snprintf(order, sizeof order, "vector-%s", fields[0]);
        {
            outcome o = call(shared_client, LOGIN, PASSWORD, order);
            long code = strtol(fields[3], NULL, 10);
            EXPECT_INT(o.code, code);
            EXPECT_STR(o.message, code == 0 ? NULL : fields[4]);
            outcome_free(&o);
        }
        end();
    }
    free(line);
    fclose(file);
    begin("vectors: the file holds vectors");
    EXPECT(count >= 30);
    end();
}

/* --- faults ------------------------------------------------------------------------------- */

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_faults(void) {
    char expected[512];
    long requests;
    double started, elapsed;

    begin("fault: slow answer, 500 ms per-call timeout -> SECTIGO_SPS_TIMEOUT");
    started = now_seconds();
    EXPECT_OUTCOME(call_within(shared_client, LOGIN, PASSWORD, "9000001", 500), SECTIGO_SPS_TIMEOUT,
                   "timed out before the answer arrived; the request may have reached the "
                   "provider");
    elapsed = now_seconds() - started;
    EXPECT(elapsed >= 0.4 && elapsed < 2.5);
    end();

    begin("fault: per-call timeout 0 -> SECTIGO_SPS_TIMEOUT_BEFORE_SEND, nothing sent");
    requests = sandbox_requests();
    EXPECT_OUTCOME(call_within(shared_client, LOGIN, PASSWORD, "1000001", 0),
                   SECTIGO_SPS_TIMEOUT_BEFORE_SEND,
                   "timed out before sending (no time was left); the request was not sent");
    EXPECT_INT(sandbox_requests() - requests, 0);
    EXPECT(sectigo_sps_status_is_safe_to_retry(SECTIGO_SPS_TIMEOUT_BEFORE_SEND));
    end();

    begin("fault: HTTP 500 with an HTML page -> SECTIGO_SPS_HTTP_STATUS");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "9000500"), SECTIGO_SPS_HTTP_STATUS,
                   "the provider answered HTTP 500 without a verdict; body: \"<!DOCTYPE "
                   "html>\\n<html><head><title>500 Internal Server Error...\"");
    end();

    begin("fault: HTTP 500 page echoing the password -> SECTIGO_SPS_HTTP_STATUS, <redacted>");
    {
        /* take_message (inside call) also counts a leak of any form of the password */
        outcome o = call(shared_client, LOGIN, PASSWORD, "9000005");
        EXPECT_INT(o.code, SECTIGO_SPS_HTTP_STATUS);
        EXPECT_PREFIX(o.message, "the provider answered HTTP 500 without a verdict; body: \"");
        EXPECT(o.message != NULL && strstr(o.message, "<redacted>") != NULL);
        EXPECT(o.message != NULL && strstr(o.message, PASSWORD) == NULL);
        EXPECT(o.message != NULL && strstr(o.message, "s3cr%26t%3Dp%25%2Bss+word") == NULL);
        EXPECT(o.message != NULL && strstr(o.message, "s3cr") == NULL);
        outcome_free(&o);
    }
    end();

    begin("fault: garbage body -> SECTIGO_SPS_MALFORMED_RESPONSE");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "9000002"), SECTIGO_SPS_MALFORMED_RESPONSE,
                   "the answer is not a provider verdict (HTTP 200); body: \"<<garbage>>\"");
    end();

    begin("fault: connection closed mid-body -> SECTIGO_SPS_CONNECTION_LOST");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "9000003"), SECTIGO_SPS_CONNECTION_LOST,
                   "the connection broke after the request was sent (the answer was cut short); "
                   "the provider may have acted");
    end();

    begin("fault: 1 MiB body -> SECTIGO_SPS_RESPONSE_TOO_LARGE");
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "9000004"), SECTIGO_SPS_RESPONSE_TOO_LARGE,
                   "the answer is larger than the 65536-byte cap (HTTP 200)");
    end();

    begin("fault: redirect -> SECTIGO_SPS_REDIRECT, not followed (one request)");
    requests = sandbox_requests();
    snprintf(expected, sizeof expected,
             "the provider answered HTTP 302 redirecting to "
             "\"https://localhost:%d/products/!ResendInvitationEmailSMIME\"; redirects are not "
             "followed because they would re-send the credentials",
             https_port);
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, "9000302"), SECTIGO_SPS_REDIRECT, expected);
    EXPECT_INT(sandbox_requests() - requests, 1);
    end();

    begin("fault: nothing listening -> SECTIGO_SPS_CONNECT_FAILED");
    {
        sectigo_sps_client *nowhere = sandbox_client("https://127.0.0.1:1/products/", 5000);
        outcome o;
        EXPECT(nowhere != NULL);
        o = call(nowhere, LOGIN, PASSWORD, "1000001");
        EXPECT_INT(o.code, SECTIGO_SPS_CONNECT_FAILED);
        EXPECT_PREFIX(o.message, "could not connect to 127.0.0.1:1: ");
        outcome_free(&o);
        sectigo_sps_client_free(nowhere);
    }
    end();
}

static void test_untrusted_certificate(void) {
    sectigo_sps_client *client = NULL;
    sectigo_sps_client_builder *builder;
    long requests = sandbox_requests();
    const char *expected = "TLS handshake with the provider failed: invalid peer certificate: "
                           "UnknownIssuer";

    begin("untrusted certificate, system roots only -> SECTIGO_SPS_TLS, nothing received");
    builder = sectigo_sps_client_builder_new();
    EXPECT(builder != NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, https_url, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_use_system_roots(builder, true, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_none(builder, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT(client != NULL);
    EXPECT_OUTCOME(call(client, LOGIN, PASSWORD, "1000001"), SECTIGO_SPS_TLS, expected);
    sectigo_sps_client_free(client);
    sectigo_sps_client_builder_free(builder);
    end();

    begin("untrusted certificate, an unrelated public root only -> SECTIGO_SPS_TLS");
    builder = sectigo_sps_client_builder_new();
    client = NULL;
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, https_url, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(
                       builder, UNRELATED_ROOT_PEM, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_use_system_roots(builder, false, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
                   SECTIGO_SPS_OK, NULL);
    EXPECT_OUTCOME(call(client, LOGIN, PASSWORD, "1000001"), SECTIGO_SPS_TLS, expected);
    sectigo_sps_client_free(client);
    sectigo_sps_client_builder_free(builder);
    EXPECT_INT(sandbox_requests() - requests, 0);
    end();
}

/* --- configuration ------------------------------------------------------------------------- */

static int file_exists(const char *path) {
    FILE *file = fopen(path, "r");
    if (file != NULL) fclose(file);
    return file != NULL;
}

static void test_configuration(void) {
    sectigo_sps_client_builder *builder = sectigo_sps_client_builder_new();
    sectigo_sps_client *client = NULL, *first = NULL, *second = NULL;
    sectigo_sps_client *const untouched = (sectigo_sps_client *)SENTINEL;
    long requests = sandbox_requests();

    begin("configuration: zero timeouts refused at set time -> SECTIGO_SPS_INVALID_CONFIG");
    EXPECT(builder != NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_timeout_ms(builder, 0, &message),
               SECTIGO_SPS_INVALID_CONFIG, "invalid configuration: timeout_ms must be greater than 0");
    EXPECT_RUN(sectigo_sps_client_builder_set_connect_timeout_ms(builder, 0, &message),
               SECTIGO_SPS_INVALID_CONFIG, "invalid configuration: timeout_ms must be greater than 0");
    EXPECT_INT(sectigo_sps_client_builder_set_timeout_ms(builder, 0, NULL),
               SECTIGO_SPS_INVALID_CONFIG);
    EXPECT_RUN(sectigo_sps_client_builder_set_timeout_ms(builder, 15000, &message), SECTIGO_SPS_OK,
               NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_connect_timeout_ms(builder, 5000, &message),
               SECTIGO_SPS_OK, NULL);
    end();

    begin("configuration: CA certificates are read and parsed by the setter");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(builder, "not a certificate",
                                                                     &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: the CA certificate text holds no PEM CERTIFICATE block");
    EXPECT_RUN_PREFIX(sectigo_sps_client_builder_add_root_certificates_pem(
                          builder,
                          "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
                          &message),
                      SECTIGO_SPS_INVALID_CONFIG,
                      "invalid configuration: a CA certificate could not be read: ");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(
                   builder, "/nonexistent/sectigo-ca.pem", &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: cannot read the CA file \"/nonexistent/sectigo-ca.pem\": No "
               "such file or directory (os error 2)");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(builder, vectors_file,
                                                                      &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: the CA certificate text holds no PEM CERTIFICATE block");
    EXPECT_INT(sectigo_sps_client_builder_add_root_certificates_pem(builder, "x", NULL),
               SECTIGO_SPS_INVALID_CONFIG);
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(builder, UNRELATED_ROOT_PEM,
                                                                     &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(builder, ca_file, &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_use_system_roots(builder, false, &message),
               SECTIGO_SPS_OK, NULL);
    end();

    begin("configuration: http:// to a host that is not loopback refused at build");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "http://example.com/products/",
                                                       &message),
               SECTIGO_SPS_OK, NULL);
    client = untouched;
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: endpoint \"http://example.com/products/\": plain http is "
               "allowed only to a loopback host (localhost, 127.0.0.0/8, ::1); use https");
    EXPECT(client == untouched); /* outputs are written only on success */
    EXPECT_INT(sectigo_sps_client_builder_build(builder, &client, NULL), SECTIGO_SPS_INVALID_CONFIG);
    EXPECT(client == untouched);
    end();

    begin("configuration: other unusable endpoints refused at build, without echoing secrets");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "ftp://127.0.0.1/", &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: endpoint \"ftp://127.0.0.1/\": the scheme must be https");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(
                   builder, "https://user:" PASSWORD "@127.0.0.1/products/", &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN_PREFIX(sectigo_sps_client_builder_build(builder, &client, &message),
                      SECTIGO_SPS_INVALID_CONFIG,
                      "invalid configuration: endpoint \"(not shown: it contains user "
                      "information)\": ");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "", &message), SECTIGO_SPS_OK,
               NULL);
    EXPECT_RUN_PREFIX(sectigo_sps_client_builder_build(builder, &client, &message),
                      SECTIGO_SPS_INVALID_CONFIG, "invalid configuration: endpoint \"\": ");
    EXPECT(client == untouched);
    end();

    begin("configuration: proxy settings; a bad proxy URL refused at build");
    /* A host that is not loopback: a loopback endpoint (the sandbox) never uses a proxy, so the
     * core does not look at the proxy URL for it. */
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "https://example.com/products/",
                                                       &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_url(builder, "::not a proxy::", &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
               SECTIGO_SPS_INVALID_CONFIG, "invalid configuration: the proxy URL is not valid");
    EXPECT(client == untouched);
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, https_url, &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_from_environment(builder, &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_none(builder, &message), SECTIGO_SPS_OK, NULL);
    EXPECT_INT(sectigo_sps_client_builder_set_proxy_none(builder, NULL), SECTIGO_SPS_OK);
    end();

    begin("configuration: one builder builds several independent clients");
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &first, &message), SECTIGO_SPS_OK, NULL);
    EXPECT_INT(sectigo_sps_client_builder_build(builder, &second, NULL), SECTIGO_SPS_OK);
    EXPECT(first != NULL && second != NULL && first != second);
    /* changing the builder afterwards does not change the clients built from it */
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "https://127.0.0.1:1/products/",
                                                       &message),
               SECTIGO_SPS_OK, NULL);
    sectigo_sps_client_builder_free(builder);
    EXPECT_OUTCOME(call(first, LOGIN, PASSWORD, "1000122"), SECTIGO_SPS_CERTIFICATE_WRONG_STATE,
                   "The Certificate is in wrong state.");
    EXPECT_OUTCOME(call(second, LOGIN, PASSWORD, "1000122"), SECTIGO_SPS_CERTIFICATE_WRONG_STATE,
                   "The Certificate is in wrong state.");
    sectigo_sps_client_free(first);
    sectigo_sps_client_free(second);
    EXPECT_INT(sandbox_requests() - requests, 2);
    end();

    begin("configuration: no trusted CA at all refused at build");
    builder = sectigo_sps_client_builder_new();
    EXPECT_RUN(sectigo_sps_client_builder_set_use_system_roots(builder, false, &message),
               SECTIGO_SPS_OK, NULL);
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, &client, &message),
               SECTIGO_SPS_INVALID_CONFIG,
               "invalid configuration: no trusted CA certificates: the system trust store is off "
               "or empty and none were added");
    sectigo_sps_client_builder_free(builder);
    end();

    begin("sectigo_sps_client_new: the defaults (provider host, system roots)");
    client = NULL;
    if (file_exists("/etc/ssl/certs/ca-certificates.crt")) {
        EXPECT_RUN(sectigo_sps_client_new(&client, &message), SECTIGO_SPS_OK, NULL);
        EXPECT(client != NULL);
        sectigo_sps_client_free(client);
        client = NULL;
        EXPECT_INT(sectigo_sps_client_new(&client, NULL), SECTIGO_SPS_OK);
        sectigo_sps_client_free(client);
    } else {
        EXPECT_INT(sectigo_sps_client_new(&client, NULL), SECTIGO_SPS_INVALID_CONFIG);
        EXPECT(client == NULL);
    }
    end();
}

/* --- bad input ----------------------------------------------------------------------------- */

/* A call that must be refused before sending: exact code and message from both call functions,
 * the same code with message == NULL. */
static void expect_refused(const char *login, const char *password, const char *order,
                           int32_t code, const char *expected) {
    EXPECT_OUTCOME(call(shared_client, login, password, order), code, expected);
    EXPECT_OUTCOME(call_within(shared_client, login, password, order, 10000), code, expected);
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime(shared_client, login, password, order,
                                                         NULL),
               code);
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime_with_timeout(shared_client, login,
                                                                      password, order, 10000, NULL),
               code);
}

static void test_bad_input(void) {
    char long_login[66], long_order[131], at_limit_login[65], at_limit_order[129];
    const char *long_password = SECRETS[5];
    sectigo_sps_client_builder *builder = sectigo_sps_client_builder_new();
    sectigo_sps_client *client = (sectigo_sps_client *)SENTINEL;
    long requests = sandbox_requests();

    memset(long_login, 'n', 65);
    long_login[65] = '\0';
    memset(long_order, '9', 129);
    long_order[129] = '\0';
    memset(at_limit_login, 'n', 64);
    at_limit_login[64] = '\0';
    memset(at_limit_order, '9', 128);
    at_limit_order[128] = '\0';

    begin("bad input: each pointer argument of the calls NULL -> SECTIGO_SPS_NULL_POINTER");
    EXPECT_OUTCOME(call(NULL, LOGIN, PASSWORD, "1000001"), SECTIGO_SPS_NULL_POINTER,
                   "client must not be NULL");
    EXPECT_OUTCOME(call_within(NULL, LOGIN, PASSWORD, "1000001", 1000), SECTIGO_SPS_NULL_POINTER,
                   "client must not be NULL");
    EXPECT_INT(sectigo_sps_resend_invitation_email_smime(NULL, NULL, NULL, NULL, NULL),
               SECTIGO_SPS_NULL_POINTER);
    expect_refused(NULL, PASSWORD, "1000001", SECTIGO_SPS_NULL_POINTER,
                   "login_name must not be NULL");
    expect_refused(LOGIN, NULL, "1000001", SECTIGO_SPS_NULL_POINTER,
                   "login_password must not be NULL");
    expect_refused(LOGIN, PASSWORD, NULL, SECTIGO_SPS_NULL_POINTER,
                   "order_number must not be NULL");
    end();

    begin("bad input: each pointer argument of the builder functions NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(NULL, https_url, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, NULL, &message),
               SECTIGO_SPS_NULL_POINTER, "base_url must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_connect_timeout_ms(NULL, 1000, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_timeout_ms(NULL, 1000, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(NULL, UNRELATED_ROOT_PEM,
                                                                     &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(builder, NULL, &message),
               SECTIGO_SPS_NULL_POINTER, "pem must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(NULL, ca_file, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(builder, NULL, &message),
               SECTIGO_SPS_NULL_POINTER, "path must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_use_system_roots(NULL, false, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_url(NULL, "http://127.0.0.1:3128", &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_url(builder, NULL, &message),
               SECTIGO_SPS_NULL_POINTER, "url must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_none(NULL, &message), SECTIGO_SPS_NULL_POINTER,
               "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_from_environment(NULL, &message),
               SECTIGO_SPS_NULL_POINTER, "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_build(NULL, &client, &message), SECTIGO_SPS_NULL_POINTER,
               "builder must not be NULL");
    EXPECT_RUN(sectigo_sps_client_builder_build(builder, NULL, &message), SECTIGO_SPS_NULL_POINTER,
               "client_out must not be NULL");
    EXPECT_RUN(sectigo_sps_client_new(NULL, &message), SECTIGO_SPS_NULL_POINTER,
               "client_out must not be NULL");
    /* the same with message == NULL */
    EXPECT_INT(sectigo_sps_client_builder_set_endpoint(NULL, NULL, NULL), SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_connect_timeout_ms(NULL, 1, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_timeout_ms(NULL, 1, NULL), SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_add_root_certificates_pem(builder, NULL, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_add_root_certificates_file(builder, NULL, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_use_system_roots(NULL, true, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_proxy_url(builder, NULL, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_proxy_none(NULL, NULL), SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_set_proxy_from_environment(NULL, NULL),
               SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_builder_build(NULL, NULL, NULL), SECTIGO_SPS_NULL_POINTER);
    EXPECT_INT(sectigo_sps_client_new(NULL, NULL), SECTIGO_SPS_NULL_POINTER);
    EXPECT(client == (sectigo_sps_client *)SENTINEL);
    /* freeing NULL is a no-op */
    sectigo_sps_client_free(NULL);
    sectigo_sps_client_builder_free(NULL);
    sectigo_sps_string_free(NULL);
    end();

    begin("bad input: invalid UTF-8 in each string -> SECTIGO_SPS_INVALID_UTF8, value not echoed");
    expect_refused("sandbox-\xc3(user", PASSWORD, "1000001", SECTIGO_SPS_INVALID_UTF8,
                   "login_name is not valid UTF-8 (invalid byte at offset 8)");
    expect_refused(LOGIN, "pass\xffword", "1000001", SECTIGO_SPS_INVALID_UTF8,
                   "login_password is not valid UTF-8 (invalid byte at offset 4)");
    expect_refused(LOGIN, PASSWORD, "\xe2\x82", SECTIGO_SPS_INVALID_UTF8,
                   "order_number is not valid UTF-8 (invalid byte at offset 0)");
    EXPECT_RUN(sectigo_sps_client_builder_set_endpoint(builder, "https://\xff/", &message),
               SECTIGO_SPS_INVALID_UTF8, "base_url is not valid UTF-8 (invalid byte at offset 8)");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_pem(builder, "\xff", &message),
               SECTIGO_SPS_INVALID_UTF8, "pem is not valid UTF-8 (invalid byte at offset 0)");
    EXPECT_RUN(sectigo_sps_client_builder_add_root_certificates_file(builder, "/tmp/\xff.pem",
                                                                      &message),
               SECTIGO_SPS_INVALID_UTF8, "path is not valid UTF-8 (invalid byte at offset 5)");
    EXPECT_RUN(sectigo_sps_client_builder_set_proxy_url(builder, "http://\xff", &message),
               SECTIGO_SPS_INVALID_UTF8, "url is not valid UTF-8 (invalid byte at offset 7)");
    EXPECT_INT(sectigo_sps_client_builder_set_proxy_url(builder, "http://\xff", NULL),
               SECTIGO_SPS_INVALID_UTF8);
    end();

    begin("bad input: empty values -> SECTIGO_SPS_INVALID_ARGUMENT");
    expect_refused("", PASSWORD, "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginName must not be empty");
    expect_refused(LOGIN, "", "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginPassword must not be empty");
    expect_refused(LOGIN, PASSWORD, "", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: orderNumber must not be empty");
    end();

    begin("bad input: over-long values (65 / 129 / 129 characters) -> SECTIGO_SPS_INVALID_ARGUMENT");
    expect_refused(long_login, PASSWORD, "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginName is 65 characters long; the provider accepts at "
                   "most 64");
    EXPECT_INT((long)strlen(long_password), 129);
    expect_refused(LOGIN, long_password, "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginPassword is 129 characters long; the provider accepts "
                   "at most 128");
    expect_refused(LOGIN, PASSWORD, long_order, SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: orderNumber is 129 characters long; the provider accepts at "
                   "most 128");
    end();

    begin("bad input: interior control characters -> SECTIGO_SPS_INVALID_ARGUMENT");
    expect_refused("sandbox\x01user", PASSWORD, "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginName contains the control character U+0001 at "
                   "character 8; control characters are not accepted");
    expect_refused(LOGIN, "s3cr\tt", "1000001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: loginPassword contains a control character at character 5; "
                   "control characters are not accepted");
    expect_refused(LOGIN, PASSWORD, "100\x7f" "0001", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: orderNumber contains the control character U+007F at "
                   "character 4; control characters are not accepted");
    expect_refused(LOGIN, PASSWORD, "1000001\n", SECTIGO_SPS_INVALID_ARGUMENT,
                   "invalid argument: orderNumber contains the control character U+000A at "
                   "character 8; control characters are not accepted");
    end();

    begin("bad input: nothing above reached the sandbox");
    EXPECT_INT(sandbox_requests() - requests, 0);
    end();

    begin("limits: values exactly at the documented lengths are sent");
    EXPECT_OUTCOME(call(shared_client, at_limit_login, PASSWORD, "1000001"),
                   SECTIGO_SPS_AUTHENTICATION_FAILED, BAD_LOGIN_MESSAGE);
    EXPECT_OUTCOME(call(shared_client, LOGIN, PASSWORD, at_limit_order),
                   SECTIGO_SPS_INVALID_ARGUMENT_VALUE,
                   "The value of the 'orderNumber' argument is invalid!");
    EXPECT_INT(sandbox_requests() - requests, 2);
    end();

    sectigo_sps_client_builder_free(builder);
}

/* --- threads ------------------------------------------------------------------------------- */

#define THREADS 8

typedef struct {
    int index, calls, successes, wrong;
} worker;

static void *work(void *argument) {
    worker *w = argument;
    int i;
    for (i = 0; i < w->calls; i++) {
        outcome o;
        int kind = (w->index + i) % 3;
        if (kind == 0) {
            o = call(shared_client, LOGIN, PASSWORD, "1000002");
            if (o.code == SECTIGO_SPS_OK && o.message == NULL) w->successes++;
            else w->wrong++;
        } else if (kind == 1) {
            o = call(shared_client, LOGIN, PASSWORD, "1000122");
            if (o.code != SECTIGO_SPS_CERTIFICATE_WRONG_STATE || o.message == NULL ||
                strcmp(o.message, "The Certificate is in wrong state.") != 0)
                w->wrong++;
        } else {
            o = call(shared_client, LOGIN, WRONG_PASSWORD, "1000002");
            if (o.code != SECTIGO_SPS_AUTHENTICATION_FAILED || o.message == NULL ||
                strcmp(o.message, BAD_LOGIN_MESSAGE) != 0)
                w->wrong++;
        }
        outcome_free(&o);
    }
    return NULL;
}

static void test_threads(int calls_per_thread) {
    pthread_t threads[THREADS];
    worker workers[THREADS];
    int i, started = 0, successes = 0, wrong = 0;
    long requests = sandbox_requests(), invitations;
    static char name[128];
    snprintf(name, sizeof name,
             "threads: %d threads share one client, %d calls (success, -122, -16)", THREADS,
             THREADS * calls_per_thread);
    begin(name);
    EXPECT(sandbox_reset());
    for (i = 0; i < THREADS; i++) {
        workers[i].index = i;
        workers[i].calls = calls_per_thread;
        workers[i].successes = workers[i].wrong = 0;
        if (pthread_create(&threads[i], NULL, work, &workers[i]) == 0) started++;
        else break;
    }
    EXPECT_INT(started, THREADS);
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        successes += workers[i].successes;
        wrong += workers[i].wrong;
    }
    EXPECT_INT(wrong, 0);
    EXPECT(successes > 0);
    invitations = sandbox_invitations("1000002", NULL, 0);
    EXPECT_INT(invitations, successes);
    EXPECT_INT(sandbox_requests() - requests, THREADS * calls_per_thread);
    end();
}

/* ------------------------------------------------------------------------------------------ */

int main(int argc, char **argv) {
    const char *calls_env = getenv("SECTIGO_SPS_TEST_CALLS_PER_THREAD");
    int calls_per_thread = calls_env ? atoi(calls_env) : 40;
    if (argc != 5) {
        fprintf(stderr, "usage: %s HTTPS_BASE_URL PLAIN_BASE_URL CA_PEM_FILE VECTORS_TSV\n",
                argv[0]);
        return 2;
    }
    https_url = argv[1];
    plain_url = argv[2];
    ca_file = argv[3];
    vectors_file = argv[4];
    https_port = port_of(https_url);
    plain_port = port_of(plain_url);
    if (calls_per_thread < 3) calls_per_thread = 3;

    printf("libsectigo_sps %s, sandbox %s\n", sectigo_sps_version(), https_url);
    begin("setup: the sandbox answers and a client for it builds");
    shared_client = sandbox_client(https_url, 15000);
    EXPECT(shared_client != NULL);
    EXPECT(sandbox_reset());
    EXPECT(sandbox_requests() >= 0);
    end();
    if (shared_client == NULL || cases_failed > 0) {
        printf("%d passed, %d failed\n", cases_passed, cases_failed);
        return 1;
    }

    test_version();
    test_status_names();
    test_safe_to_retry();
    test_success();
    test_provider_codes();
    test_vectors();
    test_faults();
    test_untrusted_certificate();
    test_configuration();
    test_bad_input();
    test_threads(calls_per_thread);

    begin("no returned message contains a password");
    EXPECT_INT(__atomic_load_n(&secret_leaks, __ATOMIC_RELAXED), 0);
    EXPECT(__atomic_load_n(&messages_seen, __ATOMIC_RELAXED) > 100);
    end();

    sectigo_sps_client_free(shared_client);
    printf("%d assertions, %d messages checked for passwords\n", assertions, messages_seen);
    printf("%d passed, %d failed\n", cases_passed, cases_failed);
    return cases_failed == 0 ? 0 : 1;
}
