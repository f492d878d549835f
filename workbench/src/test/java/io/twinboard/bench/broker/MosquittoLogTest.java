package io.twinboard.bench.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.twinboard.bench.broker.ObservedMessage.Direction;

/** The mosquitto 2.0.11 log lines the parser relies on, as that version prints them. */
class MosquittoLogTest {
    @Test
    void parsesConnectionsPublishesAndDisconnections() {
        Observations obs = new Observations();
        MosquittoLog log = new MosquittoLog(obs);
        log.accept("mosquitto version 2.0.11 running");
        log.accept("New client connected from 127.0.0.1:58346 as sub1 (p2, c1, k60, u'alice').");
        log.accept("New client connected from 127.0.0.1:58354 as pub1 (p2, c1, k60, u'alice').");
        log.accept("Received PUBLISH from pub1 (d0, q1, r0, m1, 'a/b c', ... (5 bytes))");
        log.accept("Sending PUBLISH to sub1 (d0, q0, r0, m0, 'a/b c', ... (5 bytes))");
        log.accept("Client sub1 disconnected.");
        assertEquals(0, log.running().getCount());
        assertEquals(Set.of("pub1"), obs.connectedClients());
        var in = obs.messages(Direction.PUBLISHED).getFirst();
        assertEquals("pub1 a/b c 1 5", in.clientId() + " " + in.topic() + " " + in.qos() + " " + in.payloadBytes());
        var out = obs.messages(Direction.DELIVERED).getFirst();
        assertEquals("sub1 a/b c 0 5", out.clientId() + " " + out.topic() + " " + out.qos() + " " + out.payloadBytes());
        log.accept("Socket error on client pub1, disconnecting.");
        assertTrue(obs.connectedClients().isEmpty());
    }

    @Test
    void missingToolIsReportedWithTheDebianPackage() {
        var e = assertThrows(MissingToolException.class, () -> HostProcess.find("mosquitto_nonexistent"));
        assertTrue(e.getMessage().contains("apt-get install"), e.getMessage());
    }

    @Test
    void topicFiltersFollowMqtt311() {
        assertTrue(TopicFilter.matches("a/#", "a"));
        assertTrue(TopicFilter.matches("a/+/c", "a/b/c"));
        assertTrue(TopicFilter.matches("#", "a/b"));
        assertTrue(!TopicFilter.matches("a/+", "a/b/c"));
        assertTrue(!TopicFilter.matches("#", "$SYS/x"));
        assertTrue(!TopicFilter.matches("a/b", "a/b/c"));
    }
}
