# mqtt-tls-client: the network stack is ours (net/); the board's W5500 wiring is bsp/<chip>/net.c,
# which every board lists in its $(B)_SRCS.
mqtt-tls-client_SRCS := net/w5500.c net/dns.c net/mqtt.c net/tls_io.c net/provisioning.c net/clock.c
mqtt-tls-client_BOARDS := nucleo-f429zi esp8266-w5500
