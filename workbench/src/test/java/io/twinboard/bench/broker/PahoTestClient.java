package io.twinboard.bench.broker;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A real MQTT 3.1.1 client (the Paho library, a Maven Central test dependency) over TLS for broker tests; always closes its connection. */
final class PahoTestClient implements AutoCloseable {
    /** A message the client received. */
    record Received(String topic, byte[] payload, int qos) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    private PahoTestClient(MqttClient client) {
        this.client = client;
    }

    /** Connects to {@code ssl://localhost:port} (host name verified against the server certificate). */
    static PahoTestClient connect(int port, SSLContext tls, String clientId, String user, String password)
            throws MqttException {
        MqttClient client = new MqttClient("ssl://localhost:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(tls.getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(5);
        options.setCleanSession(true);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return new PahoTestClient(client);
    }

    void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos, (topic, message) ->
                inbox.add(new Received(topic, message.getPayload(), message.getQos())));
    }

    void publish(String topic, byte[] payload, int qos) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message);
    }

    /** The next received message, or {@code null} after {@code seconds}. */
    Received next(int seconds) throws InterruptedException {
        return inbox.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close(true);
        }
    }
}
