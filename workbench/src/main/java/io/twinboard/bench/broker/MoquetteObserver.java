package io.twinboard.bench.broker;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;
import io.netty.buffer.ByteBufUtil;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/**
 * Feeds {@link Observations} from Moquette's interceptor events (delivered on Moquette's
 * interceptor thread, in order). Moquette reports incoming PUBLISH packets but not outgoing ones,
 * so deliveries are derived here the way the broker routes them: to every client with a matching
 * subscription at that moment, at the lower of the publish QoS and the subscription QoS (MQTT
 * 3.1.1 §3.8.4), one delivery per client however many of its filters match.
 */
final class MoquetteObserver extends AbstractInterceptHandler {
    private static final System.Logger LOG = System.getLogger(MoquetteObserver.class.getName());
    private final Observations observations;
    /** client id → topic filter → granted QoS. */
    private final Map<String, Map<String, Integer>> subscriptions = new ConcurrentHashMap<>();

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
        if (msg.isCleanSession()) {
            subscriptions.remove(msg.getClientID());
        }
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
    public void onSubscribe(InterceptSubscribeMessage msg) {
        subscriptions.computeIfAbsent(msg.getClientID(), c -> new ConcurrentHashMap<>())
                .put(msg.getTopicFilter(), msg.getRequestedQos().value());
    }

    @Override
    public void onUnsubscribe(InterceptUnsubscribeMessage msg) {
        Map<String, Integer> filters = subscriptions.get(msg.getClientID());
        if (filters != null) {
            filters.remove(msg.getTopicFilter());
        }
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

    /** Records a PUBLISH into the broker and the deliveries it causes. */
    void published(String clientId, String topic, int qos, byte[] payload) {
        Instant now = Instant.now();
        observations.add(new ObservedMessage(Direction.PUBLISHED, clientId, topic, qos, payload.length, payload, now));
        var connected = observations.connectedClients();
        subscriptions.forEach((subscriber, filters) -> {
            int granted = -1;
            for (var f : filters.entrySet()) {
                if (TopicFilter.matches(f.getKey(), topic)) {
                    granted = Math.max(granted, f.getValue());
                }
            }
            if (granted >= 0 && connected.contains(subscriber)) {
                observations.add(new ObservedMessage(Direction.DELIVERED, subscriber, topic,
                        Math.min(qos, granted), payload.length, payload, now));
            }
        });
    }
}
