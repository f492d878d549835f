/*
 * selftest: runs mbedTLS's own self test of every module this configuration compiles in,
 * prints one line per module and exits 0 only if all of them pass.
 *
 * Output:   SELFTEST <module> PASS|FAIL cycles=<n>
 *           SELFTEST memory stack_used=<bytes> stack_size=<bytes> heap_used=<bytes> heap_size=<bytes>
 *           SELFTEST done passed=<n> failed=<n>
 * A failing module is run a second time verbosely, so its own diagnostics follow its line.
 */
#include <stdint.h>
#include <stdio.h>

#include "mbedtls/aes.h"
#include "mbedtls/base64.h"
#include "mbedtls/bignum.h"
#include "mbedtls/ccm.h"
#include "mbedtls/chacha20.h"
#include "mbedtls/chachapoly.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecp.h"
#include "mbedtls/entropy.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hmac_drbg.h"
#include "mbedtls/md5.h"
#include "mbedtls/pkcs5.h"
#include "mbedtls/poly1305.h"
#include "mbedtls/rsa.h"
#include "mbedtls/sha1.h"
#include "mbedtls/sha256.h"
#include "mbedtls/sha512.h"
#include "mbedtls/version.h"
#include "mbedtls/x509.h"

#include "board.h"

struct self_test {
    const char *name;
    int (*run)(int verbose);
};

static const struct self_test tests[] = {
#if defined(MBEDTLS_MD5_C)
    { "md5", mbedtls_md5_self_test },
#endif
#if defined(MBEDTLS_SHA1_C)
    { "sha1", mbedtls_sha1_self_test },
#endif
#if defined(MBEDTLS_SHA256_C)
    { "sha256", mbedtls_sha256_self_test },
#endif
#if defined(MBEDTLS_SHA512_C)
    { "sha512", mbedtls_sha512_self_test },
#endif
#if defined(MBEDTLS_AES_C)
    { "aes", mbedtls_aes_self_test },
#endif
#if defined(MBEDTLS_GCM_C) && defined(MBEDTLS_AES_C)
    { "gcm", mbedtls_gcm_self_test },
#endif
#if defined(MBEDTLS_CCM_C) && defined(MBEDTLS_AES_C)
    { "ccm", mbedtls_ccm_self_test },
#endif
#if defined(MBEDTLS_CHACHA20_C)
    { "chacha20", mbedtls_chacha20_self_test },
#endif
#if defined(MBEDTLS_POLY1305_C)
    { "poly1305", mbedtls_poly1305_self_test },
#endif
#if defined(MBEDTLS_CHACHAPOLY_C)
    { "chachapoly", mbedtls_chachapoly_self_test },
#endif
#if defined(MBEDTLS_BASE64_C)
    { "base64", mbedtls_base64_self_test },
#endif
#if defined(MBEDTLS_BIGNUM_C)
    { "mpi", mbedtls_mpi_self_test },
#endif
#if defined(MBEDTLS_RSA_C)
    { "rsa", mbedtls_rsa_self_test },
#endif
#if defined(MBEDTLS_ECP_C)
    { "ecp", mbedtls_ecp_self_test },
#endif
#if defined(MBEDTLS_X509_USE_C)
    { "x509", mbedtls_x509_self_test },
#endif
#if defined(MBEDTLS_PKCS5_C)
    { "pkcs5", mbedtls_pkcs5_self_test },
#endif
#if defined(MBEDTLS_ENTROPY_C)
    { "entropy", mbedtls_entropy_self_test },
#endif
#if defined(MBEDTLS_CTR_DRBG_C)
    { "ctr_drbg", mbedtls_ctr_drbg_self_test },
#endif
#if defined(MBEDTLS_HMAC_DRBG_C)
    { "hmac_drbg", mbedtls_hmac_drbg_self_test },
#endif
};

int main(void)
{
    unsigned passed = 0, failed = 0;

    printf("SELFTEST start board=%s mbedtls=%s modules=%u\n", board_name(), MBEDTLS_VERSION_STRING,
           (unsigned) (sizeof tests / sizeof tests[0]));
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        uint32_t start = board_cycles();
        int ret = tests[i].run(0);
        uint32_t cycles = board_cycles() - start;
        printf("SELFTEST %s %s cycles=%lu\n", tests[i].name, ret == 0 ? "PASS" : "FAIL",
               (unsigned long) cycles);
        if (ret == 0) {
            passed++;
        } else {
            failed++;
            tests[i].run(1);
        }
    }
    struct board_memory mem;
    board_memory_usage(&mem);
    printf("SELFTEST memory stack_used=%lu stack_size=%lu heap_used=%lu heap_size=%lu\n",
           (unsigned long) mem.stack_used, (unsigned long) mem.stack_size,
           (unsigned long) mem.heap_used, (unsigned long) mem.heap_size);
    printf("SELFTEST done passed=%u failed=%u\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
