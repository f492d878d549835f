/*
 * MQTT 3.1.1 client (OASIS standard, our own code): CONNECT with user/password, PUBLISH QoS 0/1,
 * SUBSCRIBE, PINGREQ, DISCONNECT. Transport-agnostic: it reads and writes through callbacks (TLS
 * here), and never blocks in read — mqtt_poll() processes whatever complete packets are there.
 */
#ifndef TWINBOARD_MQTT_H
#define TWINBOARD_MQTT_H

#include <stddef.h>
#include <stdint.h>

/* Transport: write/read return bytes moved, 0 for "not now" (would block), negative on error. */
typedef int (*mqtt_write_fn)(void *ctx, const uint8_t *buf, size_t len);
typedef int (*mqtt_read_fn)(void *ctx, uint8_t *buf, size_t len);
/* Called for each PUBLISH received. */
typedef void (*mqtt_message_fn)(void *user, const char *topic, const uint8_t *payload, size_t len);

#define MQTT_ERR_IO        (-1)
#define MQTT_ERR_PROTOCOL  (-2)
#define MQTT_ERR_REFUSED   (-3)   /* CONNACK return code != 0; see mqtt.connack_code */
#define MQTT_ERR_TIMEOUT   (-4)
#define MQTT_ERR_TOO_BIG   (-5)
#define MQTT_ERR_NO_PINGRESP (-6) /* a PINGREQ went unanswered for a whole keep-alive period */

struct mqtt_client {
    void *io;
    mqtt_write_fn write;
    mqtt_read_fn read;
    mqtt_message_fn on_message;
    void *user;
    uint16_t next_id;
    uint16_t keepalive_s;
    uint64_t last_tx_ms;
    uint8_t ping_outstanding;    /* a PINGREQ was sent and its PINGRESP has not arrived */
    uint64_t ping_sent_ms;
    uint32_t last_ping_rtt_ms;   /* PINGREQ to PINGRESP of the last answered ping */
    int connack_code;            /* -1 until a CONNACK was parsed */
    uint32_t published, received, pings;   /* pings: PINGRESPs received for our PINGREQs */
    uint16_t pending_puback;     /* packet id awaiting PUBACK, 0 if none */
    uint16_t pending_suback;
    size_t rx_len;
    /* A PUBLISH taken from rx, waiting to be handed to on_message by the outermost mqtt_poll:
     * on_message may itself publish (and poll for the PUBACK), so messages are never delivered
     * from inside a nested poll, and the receive buffer is consumed before any callback runs. */
    int pending_len;            /* -1 when empty */
    uint8_t in_callback;
    char pending_topic[128];
    uint8_t pending_payload[512];
    uint8_t rx[1024];
    uint8_t tx[512];
};

void mqtt_init(struct mqtt_client *c, void *io, mqtt_write_fn w, mqtt_read_fn r, mqtt_message_fn on_msg, void *user);

/* Sends CONNECT and waits (up to timeout_ms) for CONNACK. */
int mqtt_connect(struct mqtt_client *c, const char *client_id, const char *user, const char *password, uint16_t keepalive_s, uint32_t timeout_ms);
int mqtt_subscribe(struct mqtt_client *c, const char *topic, uint8_t qos, uint32_t timeout_ms);
/* QoS 1 waits for the PUBACK. */
int mqtt_publish(struct mqtt_client *c, const char *topic, const void *payload, size_t len, uint8_t qos, uint32_t timeout_ms);
/* Reads and handles available packets. With a keep-alive, sends PINGREQ once nothing was sent for
 * 3/4 of it, and returns MQTT_ERR_NO_PINGRESP when that PINGREQ's PINGRESP has not arrived within
 * the keep-alive (MQTT 3.1.1 §3.1.2.10: the client closes the connection then). */
int mqtt_poll(struct mqtt_client *c);
int mqtt_disconnect(struct mqtt_client *c);

#endif
