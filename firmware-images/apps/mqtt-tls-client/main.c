/*
 * mqtt-tls-client: the firmware of seed 004, done right. Reads the provisioning block, brings up
 * the W5500, resolves the broker, does a TLS 1.2 handshake verifying the broker against the
 * provisioned CA, then speaks MQTT 3.1.1: publishes telemetry every interval, subscribes to
 * <prefix>/cmd and answers each command on <prefix>/reply. Exits 0 after the provisioned number of
 * telemetry messages and answered commands; a distinct code per failure otherwise. The MQTT
 * keep-alive (CONNECT's field; PINGREQ after 3/4 of it without sending, PINGRESP expected within
 * it) and the telemetry QoS (0 or 1) come from the provisioning block too (defaults 60 s, QoS 1).
 *
 * Console lines starting with "TB " are machine-readable (the workbench parses them).
 */
#include <stdio.h>
#include <string.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

#include "board.h"
#include "board_net.h"
#include "dns.h"
#include "mqtt.h"
#include "provisioning.h"
#include "tls_io.h"
#include "w5500.h"

enum exit_code {
    EXIT_OK = 0,
    EXIT_PROVISIONING = 10,
    EXIT_NO_CHIP = 11,
    EXIT_NO_LINK = 12,
    EXIT_DNS = 13,
    EXIT_TCP = 14,
    EXIT_TLS_SETUP = 15,
    EXIT_TLS_HANDSHAKE = 16,
    EXIT_MQTT_CONNECT = 17,
    EXIT_MQTT_SESSION = 18,
};

#define SOCK_MQTT 0
#define SOCK_DNS  1

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_context ssl;
static mbedtls_ssl_config conf;
static mbedtls_x509_crt ca, own_cert;
static mbedtls_pk_context own_key;
static struct tls_socket tsock;
static struct mqtt_client mqtt;
static char topic_cmd[96], topic_reply[96], topic_telemetry[96];
static uint32_t commands_answered;
static uint32_t pings_reported;

/* An MQTT call failed: one TB error line (the keep-alive's own when no PINGRESP came), then exit. */
static void fail_mqtt(const char *what, int r, int code)
{
    if (r == MQTT_ERR_NO_PINGRESP) {
        printf("TB error mqtt-keepalive no PINGRESP within keepalive_s=%u of the PINGREQ\n", (unsigned) mqtt.keepalive_s);
    } else {
        printf("TB error %s %d\n", what, r);
    }
    board_exit(code);
}

/* One line per PINGRESP received since the last call (the MQTT client counts them). */
static void report_pings(void)
{
    if (mqtt.pings != pings_reported) {
        pings_reported = mqtt.pings;
        printf("TB mqtt pingresp n=%u rtt_ms=%u\n", (unsigned) mqtt.pings, (unsigned) mqtt.last_ping_rtt_ms);
    }
}

static void fail_tls(const char *what, int ret, int code)
{
    char msg[128];
    mbedtls_strerror(ret, msg, sizeof msg);
    printf("TB error %s -0x%04x %s\n", what, (unsigned) -ret, msg);
    board_exit(code);
}

static void on_message(void *user, const char *topic, const uint8_t *payload, size_t len)
{
    (void) user;
    printf("TB mqtt-received topic=%s bytes=%u\n", topic, (unsigned) len);
    if (strcmp(topic, topic_cmd) != 0) {
        return;
    }
    char reply[160];
    int n = snprintf(reply, sizeof reply, "echo: %.*s", (int) (len > 120 ? 120 : len), (const char *) payload);
    int r = mqtt_publish(&mqtt, topic_reply, reply, (size_t) n, 1, 10000);
    if (r == 0) {
        commands_answered++;
        printf("TB mqtt-replied topic=%s bytes=%d\n", topic_reply, n);
    } else if (r == MQTT_ERR_NO_PINGRESP) {
        fail_mqtt("mqtt-reply", r, EXIT_MQTT_SESSION);
    } else {
        printf("TB error mqtt-reply %d\n", r);
    }
}

static void net_up(uint8_t broker_ip[4])
{
    struct w5500_netinfo ni = {
        .mac = { 0x02, 0x54, 0x42, 0x00, 0x00, 0x01 },
        .ip = { 192, 168, 1, 50 }, .netmask = { 255, 255, 255, 0 }, .gateway = { 192, 168, 1, 1 },
    };
    prov_bytes(PROV_MAC, ni.mac, 6);
    prov_bytes(PROV_IP, ni.ip, 4);
    prov_bytes(PROV_NETMASK, ni.netmask, 4);
    prov_bytes(PROV_GATEWAY, ni.gateway, 4);
    uint8_t rx[W5500_SOCKETS] = { 2, 2, 2, 2, 2, 2, 2, 2 }, tx[W5500_SOCKETS] = { 2, 2, 2, 2, 2, 2, 2, 2 };
    uint32_t rxkb = prov_u32(PROV_RX_BUF_KB, 2);
    rx[SOCK_MQTT] = (uint8_t) rxkb;

    board_net_init();
    if (w5500_init(&ni, rx, tx) != 0) {
        printf("TB error w5500 no chip answers (VERSIONR != 0x04)\n");
        board_exit(EXIT_NO_CHIP);
    }
    uint64_t t0 = board_millis();
    while (!w5500_link_up()) {
        if (board_millis() - t0 > 5000) {
            printf("TB error w5500 no link\n");
            board_exit(EXIT_NO_LINK);
        }
    }
    printf("TB net ip=%u.%u.%u.%u rx_kb=%u\n", ni.ip[0], ni.ip[1], ni.ip[2], ni.ip[3], (unsigned) rxkb);

    const char *host = prov_string(PROV_BROKER_HOST, "");
    unsigned a, b, c, d;
    char tail;
    if (sscanf(host, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a < 256 && b < 256 && c < 256 && d < 256) {
        broker_ip[0] = (uint8_t) a; broker_ip[1] = (uint8_t) b; broker_ip[2] = (uint8_t) c; broker_ip[3] = (uint8_t) d;
        return;
    }
    uint8_t dns[4] = { 192, 168, 1, 1 };
    prov_bytes(PROV_DNS, dns, 4);
    int r = dns_resolve(SOCK_DNS, dns, host, broker_ip);
    if (r != 0) {
        printf("TB error dns %s %s\n", host, r == -2 ? "NXDOMAIN" : r == -1 ? "no answer" : "bad reply");
        board_exit(EXIT_DNS);
    }
    printf("TB dns %s=%u.%u.%u.%u\n", host, broker_ip[0], broker_ip[1], broker_ip[2], broker_ip[3]);
}

static void tls_up(const char *host)
{
    struct prov_item ca_pem = prov_get(PROV_CA_PEM);
    int r;
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&ca);
    mbedtls_x509_crt_init(&own_cert);
    mbedtls_pk_init(&own_key);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if ((r = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *) "twinboard", 9)) != 0)
        fail_tls("drbg-seed", r, EXIT_TLS_SETUP);
    if (ca_pem.data == NULL || (r = mbedtls_x509_crt_parse(&ca, ca_pem.data, ca_pem.len)) != 0)
        fail_tls("ca-parse", ca_pem.data ? r : MBEDTLS_ERR_X509_BAD_INPUT_DATA, EXIT_TLS_SETUP);
    if ((r = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT)) != 0)
        fail_tls("ssl-config", r, EXIT_TLS_SETUP);
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    struct prov_item cert = prov_get(PROV_CERT_PEM), key = prov_get(PROV_KEY_PEM);
    if (cert.data && key.data) {
        if ((r = mbedtls_x509_crt_parse(&own_cert, cert.data, cert.len)) != 0) fail_tls("cert-parse", r, EXIT_TLS_SETUP);
        if ((r = mbedtls_pk_parse_key(&own_key, key.data, key.len, NULL, 0)) != 0) fail_tls("key-parse", r, EXIT_TLS_SETUP);
        if ((r = mbedtls_ssl_conf_own_cert(&conf, &own_cert, &own_key)) != 0) fail_tls("own-cert", r, EXIT_TLS_SETUP);
    }
    if ((r = mbedtls_ssl_setup(&ssl, &conf)) != 0) fail_tls("ssl-setup", r, EXIT_TLS_SETUP);
    if ((r = mbedtls_ssl_set_hostname(&ssl, host)) != 0) fail_tls("hostname", r, EXIT_TLS_SETUP);
    tsock.sn = SOCK_MQTT;
    tsock.ssl = &ssl;
    mbedtls_ssl_set_bio(&ssl, &tsock, tls_bio_send, tls_bio_recv, NULL);

    uint32_t c0 = board_cycles();
    uint64_t m0 = board_millis();
    while ((r = mbedtls_ssl_handshake(&ssl)) != 0) {
        if (r != MBEDTLS_ERR_SSL_WANT_READ && r != MBEDTLS_ERR_SSL_WANT_WRITE) {
            uint32_t flags = mbedtls_ssl_get_verify_result(&ssl);
            if (flags != 0 && flags != (uint32_t) -1) {
                char vb[256];
                mbedtls_x509_crt_verify_info(vb, sizeof vb, "", flags);
                printf("TB verify %s", vb);
            }
            fail_tls("handshake", r, EXIT_TLS_HANDSHAKE);
        }
    }
    uint32_t cycles = board_cycles() - c0;
    printf("TB tls version=%s suite=%s handshake_ms=%u handshake_cycles=%u\n", mbedtls_ssl_get_version(&ssl),
           mbedtls_ssl_get_ciphersuite(&ssl), (unsigned) (board_millis() - m0), (unsigned) cycles);
}

int main(void)
{
    printf("TB mqtt-tls-client on %s at %u Hz\n", board_name(), (unsigned) board_cpu_hz());
    if (prov_open() != 0) {
        printf("TB error provisioning block missing or malformed\n");
        return EXIT_PROVISIONING;
    }
    const char *host = prov_string(PROV_BROKER_HOST, "");
    uint16_t port = (uint16_t) prov_u32(PROV_BROKER_PORT, 8883);
    const char *prefix = prov_string(PROV_TOPIC_PREFIX, "twinboard/dev");
    uint32_t count = prov_u32(PROV_PUBLISH_COUNT, 3), interval = prov_u32(PROV_PUBLISH_INTERVAL_MS, 2000);
    uint32_t expect_cmds = prov_u32(PROV_EXPECT_COMMANDS, 1);
    uint32_t keepalive = prov_u32(PROV_MQTT_KEEPALIVE_S, 60), qos = prov_u32(PROV_TELEMETRY_QOS, 1);
    if (keepalive > 0xFFFF || qos > 1) {
        printf("TB error provisioning keepalive_s=%u telemetry_qos=%u (keep-alive 0..65535 s, QoS 0 or 1)\n",
               (unsigned) keepalive, (unsigned) qos);
        return EXIT_PROVISIONING;
    }
    snprintf(topic_cmd, sizeof topic_cmd, "%s/cmd", prefix);
    snprintf(topic_reply, sizeof topic_reply, "%s/reply", prefix);
    snprintf(topic_telemetry, sizeof topic_telemetry, "%s/telemetry", prefix);

    uint8_t ip[4];
    net_up(ip);
    if (w5500_socket(SOCK_MQTT, Sn_MR_TCP, 49152) < 0) {
        printf("TB error tcp socket\n");
        return EXIT_TCP;
    }
    int r = w5500_connect(SOCK_MQTT, ip, port);
    if (r != SOCK_OK) {
        printf("TB error tcp-connect %u.%u.%u.%u:%u %s\n", ip[0], ip[1], ip[2], ip[3], port,
               r == SOCKERR_TIMEOUT ? "timeout" : r == SOCKERR_SOCKCLOSED ? "refused (RST)" : "failed");
        return EXIT_TCP;
    }
    printf("TB tcp connected %u.%u.%u.%u:%u\n", ip[0], ip[1], ip[2], ip[3], port);
    tls_up(host);

    mqtt_init(&mqtt, &tsock, tls_mqtt_write, tls_mqtt_read, on_message, NULL);
    r = mqtt_connect(&mqtt, prov_string(PROV_CLIENT_ID, "twinboard"), prov_string(PROV_USERNAME, NULL),
                     prov_string(PROV_PASSWORD, NULL), (uint16_t) keepalive, 10000);
    if (r != 0) {
        printf("TB error mqtt-connect %d connack=%d\n", r, mqtt.connack_code);
        return EXIT_MQTT_CONNECT;
    }
    printf("TB mqtt connected keepalive_s=%u telemetry_qos=%u\n", (unsigned) keepalive, (unsigned) qos);
    if ((r = mqtt_subscribe(&mqtt, topic_cmd, 1, 10000)) != 0) {
        fail_mqtt("mqtt-subscribe", r, EXIT_MQTT_SESSION);
    }
    printf("TB mqtt subscribed %s\n", topic_cmd);
    report_pings();

    uint32_t sent = 0;
    uint64_t next = board_millis();
    while (count == 0 || sent < count || commands_answered < expect_cmds) {
        if ((count == 0 || sent < count) && board_millis() >= next) {
            char payload[96];
            int n = snprintf(payload, sizeof payload, "{\"seq\":%u,\"uptime_ms\":%u}", (unsigned) sent,
                             (unsigned) board_millis());
            if ((r = mqtt_publish(&mqtt, topic_telemetry, payload, (size_t) n, (uint8_t) qos, 10000)) != 0) {
                fail_mqtt("mqtt-publish", r, EXIT_MQTT_SESSION);
            }
            sent++;
            printf("TB mqtt-published topic=%s seq=%u qos=%u\n", topic_telemetry, (unsigned) sent, (unsigned) qos);
            next += interval;
        }
        if ((r = mqtt_poll(&mqtt)) != 0) {
            fail_mqtt("mqtt-session", r, EXIT_MQTT_SESSION);
        }
        report_pings();
        /* Idle between polls in the core's sleep rather than polling the W5500 flat out: packets
         * wait at most a millisecond, and an idle board costs the emulator next to nothing, so
         * its virtual time keeps up with the broker's wall-clock keep-alive timer. */
        board_sleep_us(1000);
    }
    mqtt_disconnect(&mqtt);
    mbedtls_ssl_close_notify(&ssl);
    w5500_disconnect(SOCK_MQTT);
    printf("TB done published=%u received=%u answered=%u pings=%u w5500_tx=%u w5500_rx=%u\n", (unsigned) mqtt.published,
           (unsigned) mqtt.received, (unsigned) commands_answered, (unsigned) mqtt.pings, (unsigned) w5500_bytes_sent,
           (unsigned) w5500_bytes_received);
    return EXIT_OK;
}
