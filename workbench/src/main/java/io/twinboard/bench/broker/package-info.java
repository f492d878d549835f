/**
 * MQTT 3.1.1 brokers with a TLS listener on a loopback port, for the emulated board to talk to.
 *
 * <p>{@link io.twinboard.bench.broker.Broker} is the common interface: TLS port, CA file,
 * messages published by and delivered to each client, connected clients, publishing as the
 * workbench. {@link io.twinboard.bench.broker.EmbeddedBroker} runs Moquette in process (JSSE TLS,
 * both RSA and ECDSA server certificates); {@link io.twinboard.bench.broker.MosquittoBroker} runs the
 * Debian mosquitto binary (OpenSSL TLS). Both are configured by
 * {@link io.twinboard.bench.broker.BrokerOptions}. {@link io.twinboard.bench.broker.MosquittoClients}
 * wraps {@code mosquitto_sub}/{@code mosquitto_pub} for any broker.
 */
package io.twinboard.bench.broker;
