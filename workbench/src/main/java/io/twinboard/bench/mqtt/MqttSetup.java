package io.twinboard.bench.mqtt;

import io.twinboard.bench.provision.Provisioning;
import io.twinboard.bench.provision.Provisioning.Tag;
import io.twinboard.periph.net.Endpoint;
import io.twinboard.periph.net.Ipv4;
import io.twinboard.periph.net.LinkProfile;
import io.twinboard.periph.net.Network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the emulated board reaches a broker: the virtual LAN (board 192.168.1.50/24, gateway and
 * DNS at .1, the broker at .10), the one endpoint the board may connect to, the name the firmware
 * resolves, and the provisioning block carrying all of it plus credentials and the CA.
 *
 * @param brokerName     name the firmware resolves and verifies the certificate against
 * @param hostAddress    where the broker really listens (host side)
 * @param hostPort       its TLS port
 * @param caPem          CA certificate(s) the firmware trusts
 * @param clientCertPem  client certificate for mutual TLS, or null
 * @param clientKeyPem   its key, or null
 * @param keepAliveSeconds MQTT keep-alive the firmware puts in CONNECT (0..65535 s; 0 = off): it
 *                       sends PINGREQ after 3/4 of it without sending, and fails the session when
 *                       no PINGRESP arrives within it
 * @param telemetryQos   QoS of the firmware's telemetry PUBLISH packets, 0 or 1
 */
public record MqttSetup(String brokerName, String hostAddress, int hostPort, Path caPem, Path clientCertPem, Path clientKeyPem,
                        String clientId, String username, String password, String topicPrefix,
                        int publishCount, int publishIntervalMs, int expectCommands, int rxBufferKb, LinkProfile link,
                        int keepAliveSeconds, int telemetryQos) {
    public static final Ipv4 BOARD_IP = Ipv4.parse("192.168.1.50");
    public static final Ipv4 GATEWAY = Ipv4.parse("192.168.1.1");
    public static final Ipv4 BROKER_IP = Ipv4.parse("192.168.1.10");
    /** The firmware's keep-alive when the provisioning block names none (seconds). */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 60;
    /** The firmware's telemetry QoS when the provisioning block names none. */
    public static final int DEFAULT_TELEMETRY_QOS = 1;

    public MqttSetup {
        if (keepAliveSeconds < 0 || keepAliveSeconds > 0xFFFF)
            throw new IllegalArgumentException("MQTT keep-alive must be 0..65535 s: " + keepAliveSeconds);
        if (telemetryQos != 0 && telemetryQos != 1)
            throw new IllegalArgumentException("telemetry QoS must be 0 or 1 (the firmware does not do QoS 2): " + telemetryQos);
    }

    /** The setup with the firmware's defaults: keep-alive {@value #DEFAULT_KEEP_ALIVE_SECONDS} s, telemetry QoS {@value #DEFAULT_TELEMETRY_QOS}. */
    public MqttSetup(String brokerName, String hostAddress, int hostPort, Path caPem, Path clientCertPem, Path clientKeyPem,
                     String clientId, String username, String password, String topicPrefix,
                     int publishCount, int publishIntervalMs, int expectCommands, int rxBufferKb, LinkProfile link) {
        this(brokerName, hostAddress, hostPort, caPem, clientCertPem, clientKeyPem, clientId, username, password, topicPrefix,
                publishCount, publishIntervalMs, expectCommands, rxBufferKb, link, DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_TELEMETRY_QOS);
    }

    /** This setup with another MQTT keep-alive (seconds, 0..65535; 0 = no PINGREQ). */
    public MqttSetup withKeepAlive(int seconds) {
        return new MqttSetup(brokerName, hostAddress, hostPort, caPem, clientCertPem, clientKeyPem, clientId, username, password,
                topicPrefix, publishCount, publishIntervalMs, expectCommands, rxBufferKb, link, seconds, telemetryQos);
    }

    /** This setup with another telemetry QoS (0 or 1). */
    public MqttSetup withTelemetryQos(int qos) {
        return new MqttSetup(brokerName, hostAddress, hostPort, caPem, clientCertPem, clientKeyPem, clientId, username, password,
                topicPrefix, publishCount, publishIntervalMs, expectCommands, rxBufferKb, link, keepAliveSeconds, qos);
    }

    public String commandTopic() { return topicPrefix + "/cmd"; }
    public String replyTopic() { return topicPrefix + "/reply"; }
    public String telemetryTopic() { return topicPrefix + "/telemetry"; }

    /** Makes the broker the network's only endpoint and answers the firmware's DNS for it. */
    public void configure(Network network) {
        network.setDefaultProfile(link);
        network.addEndpoint(BROKER_IP, hostPort, Endpoint.hostTcp(hostAddress, hostPort), link);
        if (brokerName.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))   // a literal address: the firmware dials it directly
            network.addEndpoint(Ipv4.parse(brokerName), hostPort, Endpoint.hostTcp(hostAddress, hostPort), link);
        network.addDnsServer(GATEWAY);
        network.setResolver(name -> name.equalsIgnoreCase(brokerName) ? Optional.of(BROKER_IP) : Optional.empty());
    }

    /** The provisioning block for this setup. */
    public byte[] provisioning() {
        Provisioning p = new Provisioning()
                .string(Tag.BROKER_HOST, brokerName)
                .u16(Tag.BROKER_PORT, hostPort)
                .string(Tag.CLIENT_ID, clientId)
                .string(Tag.TOPIC_PREFIX, topicPrefix)
                .ipv4(Tag.IP, BOARD_IP.toString())
                .ipv4(Tag.NETMASK, "255.255.255.0")
                .ipv4(Tag.GATEWAY, GATEWAY.toString())
                .ipv4(Tag.DNS, GATEWAY.toString())
                .u32(Tag.PUBLISH_COUNT, publishCount)
                .u32(Tag.PUBLISH_INTERVAL_MS, publishIntervalMs)
                .u32(Tag.EXPECT_COMMANDS, expectCommands)
                .u32(Tag.RX_BUF_KB, rxBufferKb)
                .bytes(Tag.CA_PEM, pemWithNul(caPem));
        if (username != null) p.string(Tag.USERNAME, username);
        if (password != null) p.string(Tag.PASSWORD, password);
        if (clientCertPem != null) p.bytes(Tag.CERT_PEM, pemWithNul(clientCertPem));
        if (clientKeyPem != null) p.bytes(Tag.KEY_PEM, pemWithNul(clientKeyPem));
        // Optional tags, written only when they differ from the firmware's defaults: a default
        // setup's block is byte for byte what it was before they existed.
        if (keepAliveSeconds != DEFAULT_KEEP_ALIVE_SECONDS) p.u16(Tag.MQTT_KEEPALIVE_S, keepAliveSeconds);
        if (telemetryQos != DEFAULT_TELEMETRY_QOS) p.u8(Tag.TELEMETRY_QOS, telemetryQos);
        return p.toBytes();
    }

    private static byte[] pemWithNul(Path pem) {
        try {
            String s = Files.readString(pem, StandardCharsets.US_ASCII);
            if (!s.contains("-----BEGIN")) throw new IllegalArgumentException(pem + " is not a PEM file");
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            byte[] z = new byte[b.length + 1];
            System.arraycopy(b, 0, z, 0, b.length);
            return z;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage());
        }
    }
}
