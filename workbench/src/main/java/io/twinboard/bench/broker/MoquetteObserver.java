package io.twinboard.bench.broker;

import java.time.Instant;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBufUtil;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * Feeds {@link Observations} from Moquette's interceptor events (delivered on Moquette's
 * interceptor thread, in order): connections, disconnections, and each PUBLISH the broker
 * accepted from a client. Outgoing PUBLISH packets are not reported by Moquette; {@link MqttTap}
 * records those from the TLS plaintext.
 */
final class MoquetteObserver extends AbstractInterceptHandler {
    private static final System.Logger LOG = System.getLogger(MoquetteObserver.class.getName());
    private final Observations observations;

    MoquetteObserver(Observations observations) {
        this.observations = observations;
    }

    @Override
    public String getID() {
        return "twinboard-observer";
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        LOG.log(System.Logger.Level.WARNING, "embedded broker session loop error", error);
    }

    @Override
    public void onConnect(InterceptConnectMessage msg) {
        observations.connected(msg.getClientID());
    }

    @Override
    public void onDisconnect(InterceptDisconnectMessage msg) {
        observations.disconnected(msg.getClientID());
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage msg) {
        observations.disconnected(msg.getClientID());
    }

    @Override
    public void onPublish(InterceptPublishMessage msg) {
        try {
            byte[] payload = ByteBufUtil.getBytes(msg.getPayload());
            published(msg.getClientID(), msg.getTopicName(), msg.getQos().value(), payload);
        } finally {
            super.onPublish(msg); // releases the payload buffer
        }
    }

    /** Records a PUBLISH the broker accepted from {@code clientId}. */
    void published(String clientId, String topic, int qos, byte[] payload) {
        observations.add(new ObservedMessage(Direction.PUBLISHED, clientId, topic, qos, payload.length, payload,
                Instant.now()));
    }
}
