/* GOST R 34.10-2012-256 sign and verify through OpenSSL's GOST engine (EVP API), timed on one core: the per-operation
 * floor the benchmark compares MockEsia's implementations with. Usage: gost_speed KEY.pem CERT.pem [iterations]
 * Prints two lines: "sign <microseconds per operation>" and "verify <microseconds per operation>". */
/* The GOST engine is an ENGINE, an API OpenSSL 3 deprecates but still serves (the GOST provider does not load here). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int fail(const char *what) {
    fprintf(stderr, "gost_speed: %s failed\n", what);
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: gost_speed KEY.pem CERT.pem [iterations]\n");
        return 2;
    }
    int iterations = argc > 3 ? atoi(argv[3]) : 2000;
    ENGINE_load_builtin_engines();
    ENGINE *engine = ENGINE_by_id("gost");
    if (engine == NULL || !ENGINE_init(engine) || !ENGINE_set_default(engine, ENGINE_METHOD_ALL)) return fail("loading the gost engine");
    FILE *keyFile = fopen(argv[1], "r");
    FILE *certFile = fopen(argv[2], "r");
    if (keyFile == NULL || certFile == NULL) return fail("opening the key or certificate");
    EVP_PKEY *key = PEM_read_PrivateKey(keyFile, NULL, NULL, NULL);
    X509 *cert = PEM_read_X509(certFile, NULL, NULL, NULL);
    if (key == NULL || cert == NULL) return fail("reading the key or certificate");
    EVP_PKEY *pub = X509_get_pubkey(cert);
    const EVP_MD *md = EVP_get_digestbyname("md_gost12_256");
    if (md == NULL) return fail("finding md_gost12_256");

    const char *message = "MOCKSYSopenid fullname email2026.11.29 10:00:00 +0300b9a1e3a0-5f4e-4a51-9f0b-5b6d3c1a2e7fhttp://localhost:8080/signin-esia";
    size_t length = strlen(message);
    unsigned char signature[128];
    size_t signatureLength = sizeof signature;

    double start = now();
    for (int i = 0; i < iterations; i++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        signatureLength = sizeof signature;
        if (EVP_DigestSignInit(ctx, NULL, md, engine, key) != 1 || EVP_DigestSign(ctx, signature, &signatureLength, (const unsigned char *)message, length) != 1) return fail("signing");
        EVP_MD_CTX_free(ctx);
    }
    printf("sign %.1f\n", (now() - start) / iterations * 1e6);

    start = now();
    for (int i = 0; i < iterations; i++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        if (EVP_DigestVerifyInit(ctx, NULL, md, engine, pub) != 1 || EVP_DigestVerify(ctx, signature, signatureLength, (const unsigned char *)message, length) != 1) return fail("verifying");
        EVP_MD_CTX_free(ctx);
    }
    printf("verify %.1f\n", (now() - start) / iterations * 1e6);
    return 0;
}
