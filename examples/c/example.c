/*
 * Resend the S/MIME invitation email of one order, with libsectigo_sps.
 *
 * Build (after scripts/install-c.sh PREFIX):
 *   export PKG_CONFIG_PATH=PREFIX/lib/pkgconfig
 *   cc example.c $(pkg-config --cflags --libs sectigo_sps) -Wl,-rpath,PREFIX/lib -o example
 *
 * Credentials come from SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD (as for the command line
 * and the Go example). Run against the sandbox (cargo run -p sectigo-sps-sandbox -- --ca-out
 * /tmp/sandbox-ca.pem), whose credentials are sandbox-user / s3cr&t=p%+ss word:
 *   ./example https://127.0.0.1:PORT/products/ /tmp/sandbox-ca.pem [ORDER]
 * or with SECTIGO_SPS_ENDPOINT and SECTIGO_SPS_CA_FILE set in the environment. With neither,
 * the client talks to the real provider with the system trust store.
 *
 * Exit status: 0 when the provider answered 0, 1 otherwise, 2 when credentials are missing.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sectigo_sps.h>

/* Prints a failed setup step and its message, then frees the message. */
static int report(const char *what, int32_t code, char *message) {
    fprintf(stderr, "%s: %d (%s): %s\n", what, code, sectigo_sps_status_name(code),
            message ? message : "");
    sectigo_sps_string_free(message);
    return 1;
}

int main(int argc, char **argv) {
    const char *endpoint = argc > 1 ? argv[1] : getenv("SECTIGO_SPS_ENDPOINT");
    const char *ca_file = argc > 2 ? argv[2] : getenv("SECTIGO_SPS_CA_FILE");
    const char *order = argc > 3 ? argv[3] : "1000001";
    /* Never a default: sandbox credentials sent to the real provider would count as a failed
       login, and repeated failed logins get the source IP blocked. */
    const char *login_name = getenv("SECTIGO_LOGIN_NAME");
    const char *login_password = getenv("SECTIGO_LOGIN_PASSWORD");
    if (login_name == NULL || login_password == NULL) {
        fprintf(stderr, "set SECTIGO_LOGIN_NAME and SECTIGO_LOGIN_PASSWORD\n");
        return 2;
    }

    printf("libsectigo_sps %s\n", sectigo_sps_version());

    /* 1. Configure. Every setting is optional; the defaults suit the real provider. */
    sectigo_sps_client_builder *builder = sectigo_sps_client_builder_new();
    if (builder == NULL) {
        return 1;
    }
    char *message = NULL; /* NULL on success, else ours to free with sectigo_sps_string_free */
    int32_t code = SECTIGO_SPS_OK;
    if (endpoint != NULL) {
        code = sectigo_sps_client_builder_set_endpoint(builder, endpoint, &message);
    }
    if (code == SECTIGO_SPS_OK && ca_file != NULL) {
        /* Trust the sandbox's CA, and only it. */
        code = sectigo_sps_client_builder_add_root_certificates_file(builder, ca_file, &message);
        if (code == SECTIGO_SPS_OK) {
            code = sectigo_sps_client_builder_set_use_system_roots(builder, false, &message);
        }
    }
    if (code == SECTIGO_SPS_OK) {
        code = sectigo_sps_client_builder_set_timeout_ms(builder, 15000, &message);
    }

    /* 2. Build once; a client may be shared by threads and reused for many calls. */
    sectigo_sps_client *client = NULL;
    if (code == SECTIGO_SPS_OK) {
        code = sectigo_sps_client_builder_build(builder, &client, &message);
    }
    sectigo_sps_client_builder_free(builder); /* the client does not need it */
    if (code != SECTIGO_SPS_OK) {
        return report("configuration", code, message);
    }

    /* 3. Call. 0 is success, < 0 the provider's own code and message, > 0 a local failure. */
    code = sectigo_sps_resend_invitation_email_smime(client, login_name, login_password, order,
                                                     &message);
    printf("order %s: %d (%s, %s)%s%s\n", order, code, sectigo_sps_status_name(code),
           sectigo_sps_status_category(code), message ? ": " : "", message ? message : "");

    /* 4. Free everything; both functions accept NULL. */
    sectigo_sps_string_free(message);
    sectigo_sps_client_free(client);
    return code == SECTIGO_SPS_OK ? 0 : 1;
}
