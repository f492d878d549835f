/*
 * Twinboard mbedTLS 2.28 configuration, shared by every board (nucleo-f429zi, esp8266-w5500 and
 * the developer-only host board). Selected with -DMBEDTLS_CONFIG_FILE="mbedtls_config.h".
 *
 * Contents: the primitives the selftest and crypto-bench apps measure, plus what a TLS 1.2
 * client/server needs later (ECDHE-ECDSA, ECDHE-RSA, RSA key exchange; AES-GCM/CCM/CBC,
 * ChaCha20-Poly1305; X.509 parsing). Bare metal: no time source, no file system, no sockets;
 * entropy comes only from the board's hardware RNG (mbedtls_hardware_poll in common/entropy.c).
 *
 * Settings marked "overridable" are wrapped in #ifndef so a firmware variant (one of the seeds'
 * buffer-size bugs, say) can change them with -D on the make command line.
 */
#ifndef TWINBOARD_MBEDTLS_CONFIG_H
#define TWINBOARD_MBEDTLS_CONFIG_H

/* ---- System support ---------------------------------------------------------------------- */
#define MBEDTLS_HAVE_ASM                 /* bignum inner loops in asm where mbedTLS has them */
/* No MBEDTLS_HAVE_TIME / MBEDTLS_HAVE_TIME_DATE: the boards have no wall clock.              */
#define MBEDTLS_NO_PLATFORM_ENTROPY      /* no /dev/urandom and friends                      */
#define MBEDTLS_ENTROPY_HARDWARE_ALT     /* board RNG via mbedtls_hardware_poll()            */
/* No MBEDTLS_PLATFORM_C: mbedtls_printf/calloc/free map straight to picolibc.               */

/* ---- Cipher modes and curves ------------------------------------------------------------- */
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_CIPHER_MODE_CTR
#define MBEDTLS_CIPHER_PADDING_PKCS7
#define MBEDTLS_REMOVE_ARC4_CIPHERSUITES
#define MBEDTLS_REMOVE_3DES_CIPHERSUITES

#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_DETERMINISTIC

/* ---- TLS 1.2 ----------------------------------------------------------------------------- */
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE

/* ---- Self tests -------------------------------------------------------------------------- */
#define MBEDTLS_SELF_TEST

/* ---- Modules ----------------------------------------------------------------------------- */
#define MBEDTLS_AES_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_CCM_C
#define MBEDTLS_CERTS_C                  /* test certificates for the X.509 self test */
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ERROR_C
#define MBEDTLS_GCM_C
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_MD_C
#define MBEDTLS_MD5_C
#define MBEDTLS_OID_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PEM_WRITE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_PKCS5_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_RSA_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CRL_PARSE_C

/* ---- Sizes (overridable) ----------------------------------------------------------------- */
/* Record buffers: the seeds' "record too large" family is about these two. */
#ifndef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#endif
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 16384
#endif
/* mbedTLS defaults, stated so the benchmarks say what they measured. */
#ifndef MBEDTLS_MPI_WINDOW_SIZE
#define MBEDTLS_MPI_WINDOW_SIZE 6
#endif
#ifndef MBEDTLS_MPI_MAX_SIZE
#define MBEDTLS_MPI_MAX_SIZE 1024
#endif
#ifndef MBEDTLS_ECP_WINDOW_SIZE
#define MBEDTLS_ECP_WINDOW_SIZE 4
#endif
#ifndef MBEDTLS_ECP_FIXED_POINT_OPTIM
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 1
#endif
#define MBEDTLS_ENTROPY_MAX_SOURCES 2

#include "mbedtls/check_config.h"

#endif /* TWINBOARD_MBEDTLS_CONFIG_H */
