/* MQTT 3.1.1 client; packet formats from the OASIS standard §2 (fixed header) and §3. */
#include <string.h>

#include "board_net.h"
#include "mqtt.h"

#define CONNECT     0x10
#define CONNACK     0x20
#define PUBLISH     0x30
#define PUBACK      0x40
#define SUBSCRIBE   0x82
#define SUBACK      0x90
#define PINGREQ     0xC0
#define PINGRESP    0xD0
#define DISCONNECT  0xE0

void mqtt_init(struct mqtt_client *c, void *io, mqtt_write_fn w, mqtt_read_fn r, mqtt_message_fn on_msg, void *user)
{
    memset(c, 0, sizeof *c);
    c->io = io;
    c->write = w;
    c->read = r;
    c->on_message = on_msg;
    c->user = user;
    c->next_id = 1;
    c->connack_code = -1;
    c->pending_len = -1;
}

static int write_all(struct mqtt_client *c, const uint8_t *p, size_t n)
{
    uint64_t deadline = board_millis() + 10000;
    while (n > 0) {
        int r = c->write(c->io, p, n);
        if (r < 0) {
            return MQTT_ERR_IO;
        }
        if (r == 0 && board_millis() > deadline) {
            return MQTT_ERR_TIMEOUT;
        }
        p += r;
        n -= (size_t) r;
    }
    c->last_tx_ms = board_millis();
    return 0;
}

static size_t put_len(uint8_t *p, size_t len)   /* remaining length, §2.2.3 */
{
    size_t n = 0;
    do {
        uint8_t b = len % 128;
        len /= 128;
        p[n++] = (uint8_t) (b | (len ? 0x80 : 0));
    } while (len);
    return n;
}

static size_t put_str(uint8_t *p, const char *s)
{
    size_t l = strlen(s);
    p[0] = (uint8_t) (l >> 8);
    p[1] = (uint8_t) l;
    memcpy(p + 2, s, l);
    return l + 2;
}

/* Assembles fixed header + body (already in c->tx + 5) and sends it. */
static int send_packet(struct mqtt_client *c, uint8_t type, size_t body_len)
{
    uint8_t head[5];
    head[0] = type;
    size_t hl = 1 + put_len(head + 1, body_len);
    uint8_t *start = c->tx + 5 - hl;
    memcpy(start, head, hl);
    return write_all(c, start, hl + body_len);
}

int mqtt_connect(struct mqtt_client *c, const char *client_id, const char *user, const char *password, uint16_t keepalive_s, uint32_t timeout_ms)
{
    uint8_t *b = c->tx + 5;
    size_t n = put_str(b, "MQTT");
    uint8_t flags = 0x02;                 /* clean session */
    if (user && *user) flags |= 0x80;
    if (password && *password) flags |= 0x40;
    b[n++] = 4;                           /* protocol level 3.1.1 */
    b[n++] = flags;
    b[n++] = (uint8_t) (keepalive_s >> 8);
    b[n++] = (uint8_t) keepalive_s;
    if (strlen(client_id) + (user ? strlen(user) : 0) + (password ? strlen(password) : 0) + 20 > sizeof c->tx - 5) {
        return MQTT_ERR_TOO_BIG;
    }
    n += put_str(b + n, client_id);
    if (flags & 0x80) n += put_str(b + n, user);
    if (flags & 0x40) n += put_str(b + n, password);
    c->keepalive_s = keepalive_s;
    c->ping_outstanding = 0;
    c->connack_code = -1;
    int r = send_packet(c, CONNECT, n);
    if (r < 0) {
        return r;
    }
    uint64_t deadline = board_millis() + timeout_ms;
    while (c->connack_code < 0) {
        r = mqtt_poll(c);
        if (r < 0) {
            return r;
        }
        if (board_millis() > deadline) {
            return MQTT_ERR_TIMEOUT;
        }
    }
    return c->connack_code == 0 ? 0 : MQTT_ERR_REFUSED;
}

/* Polls until the broker's acknowledgement clears *pending (SUBACK, PUBACK) or time runs out. */
static int poll_until_zero(struct mqtt_client *c, const volatile uint16_t *pending, uint32_t timeout_ms)
{
    uint64_t deadline = board_millis() + timeout_ms;
    while (*pending != 0) {
        int r = mqtt_poll(c);
        if (r < 0) {
            return r;
        }
        if (board_millis() > deadline) {
            return MQTT_ERR_TIMEOUT;
        }
    }
    return 0;
}

int mqtt_subscribe(struct mqtt_client *c, const char *topic, uint8_t qos, uint32_t timeout_ms)
{
    uint8_t *b = c->tx + 5;
    uint16_t id = c->next_id++;
    if (strlen(topic) + 8 > sizeof c->tx - 5) {
        return MQTT_ERR_TOO_BIG;
    }
    b[0] = (uint8_t) (id >> 8);
    b[1] = (uint8_t) id;
    size_t n = 2 + put_str(b + 2, topic);
    b[n++] = qos;
    c->pending_suback = id;
    int r = send_packet(c, SUBSCRIBE, n);
    if (r < 0) {
        return r;
    }
    return poll_until_zero(c, &c->pending_suback, timeout_ms);
}

int mqtt_publish(struct mqtt_client *c, const char *topic, const void *payload, size_t len, uint8_t qos, uint32_t timeout_ms)
{
    uint8_t *b = c->tx + 5;
    if (strlen(topic) + len + 6 > sizeof c->tx - 5) {
        return MQTT_ERR_TOO_BIG;
    }
    size_t n = put_str(b, topic);
    uint16_t id = 0;
    if (qos > 0) {
        id = c->next_id++;
        if (c->next_id == 0) c->next_id = 1;
        b[n++] = (uint8_t) (id >> 8);
        b[n++] = (uint8_t) id;
    }
    memcpy(b + n, payload, len);
    n += len;
    c->pending_puback = id;
    int r = send_packet(c, (uint8_t) (PUBLISH | (qos << 1)), n);
    if (r < 0) {
        return r;
    }
    c->published++;
    if (qos == 0) {
        return 0;
    }
    return poll_until_zero(c, &c->pending_puback, timeout_ms);
}

/* Handles one complete packet at the start of c->rx: returns its total size, 0 if incomplete. */
static int handle_packet(struct mqtt_client *c)
{
    size_t len = 0, mul = 1, i = 1;
    for (;; i++) {
        if (i >= c->rx_len) {
            return 0;
        }
        if (i > 4) {
            return MQTT_ERR_PROTOCOL;
        }
        len += (c->rx[i] & 0x7F) * mul;
        mul *= 128;
        if (!(c->rx[i] & 0x80)) {
            break;
        }
    }
    size_t total = i + 1 + len;
    if (total > sizeof c->rx) {
        return MQTT_ERR_TOO_BIG;
    }
    if (c->rx_len < total) {
        return 0;
    }
    const uint8_t *body = c->rx + i + 1;
    uint8_t type = c->rx[0] & 0xF0;
    switch (type) {
    case CONNACK:
        if (len != 2) return MQTT_ERR_PROTOCOL;
        c->connack_code = body[1];
        break;
    case PUBACK:
        if (len == 2 && ((body[0] << 8) | body[1]) == c->pending_puback) c->pending_puback = 0;
        break;
    case SUBACK:
        if (len >= 3 && ((body[0] << 8) | body[1]) == c->pending_suback) {
            if (body[2] == 0x80) return MQTT_ERR_REFUSED;
            c->pending_suback = 0;
        }
        break;
    case PINGRESP:
        if (len != 0) return MQTT_ERR_PROTOCOL;
        if (c->ping_outstanding) {           /* an unsolicited PINGRESP is harmless: ignore it */
            c->ping_outstanding = 0;
            c->last_ping_rtt_ms = (uint32_t) (board_millis() - c->ping_sent_ms);
            c->pings++;
        }
        break;
    case PUBLISH: {
        uint8_t qos = (c->rx[0] >> 1) & 3;
        if (len < 2) return MQTT_ERR_PROTOCOL;
        size_t tl = (size_t) ((body[0] << 8) | body[1]);
        size_t off = 2 + tl;
        uint16_t id = 0;
        if (qos > 0) {
            if (off + 2 > len) return MQTT_ERR_PROTOCOL;
            id = (uint16_t) ((body[off] << 8) | body[off + 1]);
            off += 2;
        }
        if (off > len) return MQTT_ERR_PROTOCOL;
        if (c->pending_len >= 0) {
            return 0;                /* one message is waiting for the application: hold this one */
        }
        if (tl >= sizeof c->pending_topic || len - off > sizeof c->pending_payload) return MQTT_ERR_TOO_BIG;
        memcpy(c->pending_topic, body + 2, tl);
        c->pending_topic[tl] = 0;
        memcpy(c->pending_payload, body + off, len - off);
        c->pending_len = (int) (len - off);
        c->received++;
        if (qos == 1) {
            uint8_t ack[4] = { PUBACK, 2, (uint8_t) (id >> 8), (uint8_t) id };
            int r = write_all(c, ack, 4);
            if (r < 0) return r;
        }
        break;
    }
    default:
        return MQTT_ERR_PROTOCOL;
    }
    return (int) total;
}

/* Hands a received PUBLISH to the application, unless we are inside its callback already. */
static void deliver_pending(struct mqtt_client *c)
{
    if (c->pending_len < 0 || c->in_callback) {
        return;
    }
    /* Copy out first: the callback's own polls may take the next message. */
    char topic[sizeof c->pending_topic];
    uint8_t payload[sizeof c->pending_payload];
    size_t n = (size_t) c->pending_len;
    memcpy(topic, c->pending_topic, sizeof topic);
    memcpy(payload, c->pending_payload, n);
    c->pending_len = -1;
    c->in_callback = 1;
    if (c->on_message) {
        c->on_message(c->user, topic, payload, n);
    }
    c->in_callback = 0;
}

int mqtt_poll(struct mqtt_client *c)
{
    for (;;) {
        if (c->rx_len < sizeof c->rx) {
            int r = c->read(c->io, c->rx + c->rx_len, sizeof c->rx - c->rx_len);
            if (r < 0) {
                return MQTT_ERR_IO;
            }
            c->rx_len += (size_t) r;
        }
        int used = handle_packet(c);
        if (used < 0) {
            return used;
        }
        if (used == 0) {
            deliver_pending(c);
            break;
        }
        memmove(c->rx, c->rx + used, c->rx_len - (size_t) used);
        c->rx_len -= (size_t) used;
        deliver_pending(c);
    }
    if (c->keepalive_s) {
        uint64_t now = board_millis(), period = (uint64_t) c->keepalive_s * 1000u;
        if (c->ping_outstanding) {
            if (now - c->ping_sent_ms >= period) {
                return MQTT_ERR_NO_PINGRESP;
            }
        } else if (now - c->last_tx_ms >= period * 3u / 4u) {
            uint8_t ping[2] = { PINGREQ, 0 };
            int r = write_all(c, ping, 2);
            if (r < 0) return r;
            c->ping_outstanding = 1;
            c->ping_sent_ms = board_millis();
        }
    }
    return 0;
}

int mqtt_disconnect(struct mqtt_client *c)
{
    uint8_t d[2] = { DISCONNECT, 0 };
    return write_all(c, d, 2);
}
