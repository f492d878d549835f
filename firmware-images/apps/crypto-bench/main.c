/*
 * crypto-bench: cost of the primitives a TLS 1.2 handshake and record layer use, measured with
 * the board's cycle counter (DWT_CYCCNT, CCOUNT). One machine-parsable line per item:
 *
 *   BENCH start board=<board> cpu_hz=<Hz> mbedtls=<version>
 *   BENCH <item> cycles_per_byte=<x.xx> bytes=<n> cycles=<n>        bulk primitives
 *   BENCH <item> cycles=<n> ms=<x.xxx> ops=<n>                      per operation (average)
 *   BENCH memory stack_used=<bytes> stack_size=<bytes> heap_used=<bytes> heap_size=<bytes>
 *   BENCH done
 *
 * Any mbedTLS error prints "BENCH error <item> ret=-0x<hex>" and exits 2. Inputs come from the
 * board RNG through CTR-DRBG; the RSA key is mbedTLS's own 2048-bit test key (certs.c).
 * Work is kept small (a few 10^8 instructions on the slowest board) for emulated runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/certs.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/entropy.h"
#include "mbedtls/gcm.h"
#include "mbedtls/pk.h"
#include "mbedtls/rsa.h"
#include "mbedtls/sha256.h"
#include "mbedtls/version.h"

#include "board.h"

#define BULK_BYTES   4096u    /* buffer size for hashes and ciphers */
#define BULK_REPS    4u       /* passes over the buffer per measurement */
#define ECC_OPS      2u
#define RSA_PUB_OPS  4u
#define RSA_PRIV_OPS 1u

static unsigned char bulk_in[BULK_BYTES];
static unsigned char bulk_out[BULK_BYTES];
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;

static void check(const char *item, int ret)
{
    if (ret != 0) {
        printf("BENCH error %s ret=-0x%04x\n", item, (unsigned) -ret);
        exit(2);
    }
}

static void report_bulk(const char *item, uint32_t cycles, uint32_t bytes)
{
    uint32_t hundredths = (uint32_t) (((uint64_t) cycles * 100u + bytes / 2u) / bytes);
    printf("BENCH %s cycles_per_byte=%lu.%02lu bytes=%lu cycles=%lu\n", item,
           (unsigned long) (hundredths / 100u), (unsigned long) (hundredths % 100u),
           (unsigned long) bytes, (unsigned long) cycles);
}

static void report_op(const char *item, uint32_t total_cycles, uint32_t ops)
{
    uint32_t cycles = total_cycles / ops;
    uint32_t us = (uint32_t) ((uint64_t) cycles * 1000000u / board_cpu_hz());
    printf("BENCH %s cycles=%lu ms=%lu.%03lu ops=%lu\n", item, (unsigned long) cycles,
           (unsigned long) (us / 1000u), (unsigned long) (us % 1000u), (unsigned long) ops);
}

static void bench_sha256(void)
{
    unsigned char digest[32];
    uint32_t start = board_cycles();
    for (unsigned i = 0; i < BULK_REPS; i++) {
        check("sha256", mbedtls_sha256_ret(bulk_in, sizeof bulk_in, digest, 0));
    }
    report_bulk("sha256", board_cycles() - start, BULK_REPS * BULK_BYTES);
}

static void bench_aes_cbc(const char *item, unsigned key_bits)
{
    unsigned char key[32], iv[16];
    mbedtls_aes_context aes;
    check(item, mbedtls_ctr_drbg_random(&drbg, key, sizeof key));
    check(item, mbedtls_ctr_drbg_random(&drbg, iv, sizeof iv));
    mbedtls_aes_init(&aes);
    check(item, mbedtls_aes_setkey_enc(&aes, key, key_bits));
    uint32_t start = board_cycles();
    for (unsigned i = 0; i < BULK_REPS; i++) {
        check(item, mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, sizeof bulk_in, iv, bulk_in,
                                          bulk_out));
    }
    report_bulk(item, board_cycles() - start, BULK_REPS * BULK_BYTES);
    mbedtls_aes_free(&aes);
}

static void bench_aes_gcm(const char *item, unsigned key_bits)
{
    unsigned char key[32], iv[12], tag[16];
    mbedtls_gcm_context gcm;
    check(item, mbedtls_ctr_drbg_random(&drbg, key, sizeof key));
    check(item, mbedtls_ctr_drbg_random(&drbg, iv, sizeof iv));
    mbedtls_gcm_init(&gcm);
    check(item, mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, key_bits));
    uint32_t start = board_cycles();
    for (unsigned i = 0; i < BULK_REPS; i++) {
        check(item, mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, sizeof bulk_in, iv,
                                              sizeof iv, NULL, 0, bulk_in, bulk_out,
                                              sizeof tag, tag));
    }
    report_bulk(item, board_cycles() - start, BULK_REPS * BULK_BYTES);
    mbedtls_gcm_free(&gcm);
}

/* ECDSA with SHA-256 and P-256 as a TLS server signs and a client verifies: DER signature,
 * deterministic k (RFC 6979, MBEDTLS_ECDSA_DETERMINISTIC). The key generation before the
 * measurement also builds the curve's fixed-point table, as the first handshake would. */
static void bench_ecdsa_p256(void)
{
    unsigned char hash[32], sig[MBEDTLS_ECDSA_MAX_LEN];
    size_t sig_len = 0;
    mbedtls_ecdsa_context ecdsa;
    mbedtls_ecdsa_init(&ecdsa);
    check("ecdsa-p256-sign", mbedtls_ctr_drbg_random(&drbg, hash, sizeof hash));
    check("ecdsa-p256-sign", mbedtls_ecdsa_genkey(&ecdsa, MBEDTLS_ECP_DP_SECP256R1,
                                                  mbedtls_ctr_drbg_random, &drbg));
    uint32_t start = board_cycles();
    for (unsigned i = 0; i < ECC_OPS; i++) {
        check("ecdsa-p256-sign", mbedtls_ecdsa_write_signature(&ecdsa, MBEDTLS_MD_SHA256, hash,
                                                               sizeof hash, sig, &sig_len,
                                                               mbedtls_ctr_drbg_random, &drbg));
    }
    report_op("ecdsa-p256-sign", board_cycles() - start, ECC_OPS);

    start = board_cycles();
    for (unsigned i = 0; i < ECC_OPS; i++) {
        check("ecdsa-p256-verify", mbedtls_ecdsa_read_signature(&ecdsa, hash, sizeof hash, sig,
                                                                sig_len));
    }
    report_op("ecdsa-p256-verify", board_cycles() - start, ECC_OPS);
    mbedtls_ecdsa_free(&ecdsa);
}

/* ECDHE as one side of a handshake sees it: make a key pair (keygen), then derive the shared
 * secret from the peer's public value (shared). */
static void bench_ecdh(const char *item, mbedtls_ecp_group_id curve)
{
    char keygen_item[40], shared_item[40];
    mbedtls_ecp_group grp;
    mbedtls_ecp_point ours_pub, peer_pub;
    mbedtls_mpi ours_priv, peer_priv, shared;
    snprintf(keygen_item, sizeof keygen_item, "%s-keygen", item);
    snprintf(shared_item, sizeof shared_item, "%s", item);

    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&ours_pub);
    mbedtls_ecp_point_init(&peer_pub);
    mbedtls_mpi_init(&ours_priv);
    mbedtls_mpi_init(&peer_priv);
    mbedtls_mpi_init(&shared);
    check(item, mbedtls_ecp_group_load(&grp, curve));
    check(item, mbedtls_ecdh_gen_public(&grp, &peer_priv, &peer_pub, mbedtls_ctr_drbg_random,
                                        &drbg));

    uint32_t start = board_cycles();
    for (unsigned i = 0; i < ECC_OPS; i++) {
        check(keygen_item, mbedtls_ecdh_gen_public(&grp, &ours_priv, &ours_pub,
                                                   mbedtls_ctr_drbg_random, &drbg));
    }
    report_op(keygen_item, board_cycles() - start, ECC_OPS);

    start = board_cycles();
    for (unsigned i = 0; i < ECC_OPS; i++) {
        check(shared_item, mbedtls_ecdh_compute_shared(&grp, &shared, &peer_pub, &ours_priv,
                                                       mbedtls_ctr_drbg_random, &drbg));
    }
    report_op(shared_item, board_cycles() - start, ECC_OPS);

    mbedtls_mpi_free(&shared);
    mbedtls_mpi_free(&peer_priv);
    mbedtls_mpi_free(&ours_priv);
    mbedtls_ecp_point_free(&peer_pub);
    mbedtls_ecp_point_free(&ours_pub);
    mbedtls_ecp_group_free(&grp);
}

/* Raw RSA-2048 operations: public (e = 65537, what a client does to verify or encrypt) and
 * private (CRT with blinding, what a server does to sign or decrypt). */
static void bench_rsa_2048(void)
{
    unsigned char in[256], out[256];
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    check("rsa-2048", mbedtls_pk_parse_key(&pk, mbedtls_test_srv_key_rsa_der,
                                           mbedtls_test_srv_key_rsa_der_len, NULL, 0));
    if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_RSA || mbedtls_pk_get_bitlen(&pk) != 2048) {
        printf("BENCH error rsa-2048 test key is not RSA-2048\n");
        exit(2);
    }
    mbedtls_rsa_context *rsa = mbedtls_pk_rsa(pk);
    check("rsa-2048", mbedtls_ctr_drbg_random(&drbg, in, sizeof in));
    in[0] = 0;                                     /* keep the input below the modulus */

    uint32_t start = board_cycles();
    for (unsigned i = 0; i < RSA_PUB_OPS; i++) {
        check("rsa-2048-public", mbedtls_rsa_public(rsa, in, out));
    }
    report_op("rsa-2048-public", board_cycles() - start, RSA_PUB_OPS);

    start = board_cycles();
    for (unsigned i = 0; i < RSA_PRIV_OPS; i++) {
        check("rsa-2048-private", mbedtls_rsa_private(rsa, mbedtls_ctr_drbg_random, &drbg, in,
                                                      out));
    }
    report_op("rsa-2048-private", board_cycles() - start, RSA_PRIV_OPS);
    mbedtls_pk_free(&pk);
}

int main(void)
{
    static const unsigned char personalization[] = "twinboard crypto-bench";
    printf("BENCH start board=%s cpu_hz=%lu mbedtls=%s\n", board_name(),
           (unsigned long) board_cpu_hz(), MBEDTLS_VERSION_STRING);

    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    check("drbg-seed", mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                             personalization, sizeof personalization - 1));
    for (size_t off = 0; off < sizeof bulk_in; off += MBEDTLS_CTR_DRBG_MAX_REQUEST) {
        check("drbg-fill", mbedtls_ctr_drbg_random(&drbg, bulk_in + off,
                                                   MBEDTLS_CTR_DRBG_MAX_REQUEST));
    }

    bench_sha256();
    bench_aes_cbc("aes-128-cbc", 128);
    bench_aes_cbc("aes-256-cbc", 256);
    bench_aes_gcm("aes-128-gcm", 128);
    bench_aes_gcm("aes-256-gcm", 256);
    bench_ecdsa_p256();
    bench_ecdh("ecdh-p256", MBEDTLS_ECP_DP_SECP256R1);
    bench_ecdh("x25519", MBEDTLS_ECP_DP_CURVE25519);
    bench_rsa_2048();

    struct board_memory mem;
    board_memory_usage(&mem);
    printf("BENCH memory stack_used=%lu stack_size=%lu heap_used=%lu heap_size=%lu\n",
           (unsigned long) mem.stack_used, (unsigned long) mem.stack_size,
           (unsigned long) mem.heap_used, (unsigned long) mem.heap_size);
    printf("BENCH done\n");
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return 0;
}
