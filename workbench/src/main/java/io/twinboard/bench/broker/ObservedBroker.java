package io.twinboard.bench.broker;

import io.twinboard.bench.broker.ObservedMessage.Direction;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** What every broker answers from its {@link Observations} (how they are gathered differs). */
abstract class ObservedBroker implements Broker {
    abstract Observations observations();

    @Override public List<ObservedMessage> published() { return observations().messages(Direction.PUBLISHED); }

    @Override public List<ObservedMessage> delivered() { return observations().messages(Direction.DELIVERED); }

    @Override public Set<String> connectedClients() { return observations().connectedClients(); }

    @Override public void awaitConnected(String clientId, Duration timeout) throws TimeoutException, InterruptedException {
        observations().awaitConnected(clientId, timeout);
    }

    @Override public ObservedMessage await(Predicate<ObservedMessage> match, Duration timeout) throws TimeoutException, InterruptedException {
        return observations().await(match, timeout);
    }
}
