/*
 * The provisioning block: what the workbench writes into flash before boot (broker, credentials,
 * certificates, addresses), so one image serves every run. Format (little-endian):
 *   "TBPV" magic, u16 version (1), u16 entry count, then entries: u16 tag, u16 length, bytes.
 * Strings are NUL-terminated within their length; PEM certificates include their NUL (as
 * mbedtls_x509_crt_parse wants). The Java side is io.twinboard.bench.provision.Provisioning.
 */
#ifndef TWINBOARD_PROVISIONING_H
#define TWINBOARD_PROVISIONING_H

#include <stddef.h>
#include <stdint.h>

enum prov_tag {
    PROV_BROKER_HOST = 1,   /* string: name or dotted IPv4 */
    PROV_BROKER_PORT = 2,   /* u16 */
    PROV_CLIENT_ID   = 3,   /* string */
    PROV_USERNAME    = 4,   /* string, optional */
    PROV_PASSWORD    = 5,   /* string, optional */
    PROV_CA_PEM      = 6,   /* PEM, NUL included */
    PROV_CERT_PEM    = 7,   /* client certificate for mutual TLS, optional */
    PROV_KEY_PEM     = 8,   /* its private key, optional */
    PROV_IP          = 9,   /* 4 bytes */
    PROV_NETMASK     = 10,  /* 4 bytes */
    PROV_GATEWAY     = 11,  /* 4 bytes */
    PROV_DNS         = 12,  /* 4 bytes */
    PROV_MAC         = 13,  /* 6 bytes */
    PROV_TOPIC_PREFIX = 14, /* string, e.g. "twinboard/dev1" */
    PROV_PUBLISH_COUNT = 15,    /* u32: telemetry messages before a clean exit (0 = forever) */
    PROV_PUBLISH_INTERVAL_MS = 16, /* u32 */
    PROV_EXPECT_COMMANDS = 17,  /* u32: commands to answer before exiting */
    PROV_RX_BUF_KB   = 18,  /* u8: W5500 socket 0 RX buffer (KB) */
    PROV_TLS_IN_LEN  = 19,  /* u32: informational: the build's MBEDTLS_SSL_IN_CONTENT_LEN */
    PROV_MQTT_KEEPALIVE_S = 20, /* u16, optional: MQTT keep-alive in seconds (CONNECT); 0 = off; default 60 */
    PROV_TELEMETRY_QOS = 21,    /* u8, optional: QoS of the telemetry PUBLISH packets, 0 or 1; default 1 */
};

struct prov_item {
    const uint8_t *data;
    uint16_t len;
};

/* 0 when the block is valid; -1 when it is erased or malformed. */
int prov_open(void);

/* The entry with tag, or {NULL, 0}. */
struct prov_item prov_get(enum prov_tag tag);

/* Helpers with defaults for absent entries. */
const char *prov_string(enum prov_tag tag, const char *fallback);
uint32_t prov_u32(enum prov_tag tag, uint32_t fallback);
int prov_bytes(enum prov_tag tag, uint8_t *out, size_t n);   /* 0 when present with n bytes */

#endif
