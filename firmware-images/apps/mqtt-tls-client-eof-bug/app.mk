# mqtt-tls-client-eof-bug: seed 004's bug, kept as a known-bad variant. The mbedTLS receive callback
# passes the W5500 driver's SOCK_BUSY (0, "no data yet") through, and mbedTLS reads 0 as end of
# connection: the handshake fails with MBEDTLS_ERR_SSL_CONN_EOF (-0x7280) although the broker never
# closed. Same sources as mqtt-tls-client (recursive '=': that app's app.mk is read after this one).
mqtt-tls-client-eof-bug_SRCS = apps/mqtt-tls-client/main.c $(mqtt-tls-client_SRCS)
mqtt-tls-client-eof-bug_CPPFLAGS := -DTB_BUG_RECV_ZERO_IS_EOF
mqtt-tls-client-eof-bug_BOARDS := nucleo-f429zi esp8266-w5500
