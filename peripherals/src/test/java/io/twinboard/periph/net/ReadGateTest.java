package io.twinboard.periph.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/** The reader/machine-thread hand-over of host TCP flow control, on its own. */
class ReadGateTest {
    private static CompletableFuture<Integer> awaitRoom(ReadGate g) {
        return CompletableFuture.supplyAsync(() -> {
            try { return g.awaitRoom(); } catch (InterruptedException e) { throw new IllegalStateException(e); }
        });
    }

    @Test @Timeout(10)
    void theReaderWaitsWhileTheBoundIsHeldAndResumesOnceHalfIsTaken() throws Exception {
        ReadGate g = new ReadGate(2048);
        assertEquals(2048, g.awaitRoom());
        g.read(2048);
        CompletableFuture<Integer> room = awaitRoom(g);
        assertThrows(TimeoutException.class, () -> room.get(100, TimeUnit.MILLISECONDS), "full: the reader waits");
        g.taken(1000); // below min(bound/2, MSS) = 1024: silly-window avoidance keeps waiting
        assertThrows(TimeoutException.class, () -> room.get(100, TimeUnit.MILLISECONDS));
        g.taken(24);
        assertEquals(1024, room.get(5, TimeUnit.SECONDS));
        assertEquals(1024, g.outstanding());
    }

    @Test @Timeout(10)
    void closingReleasesAWaitingReader() throws Exception {
        ReadGate g = new ReadGate(2048);
        g.read(2048);
        CompletableFuture<Integer> room = awaitRoom(g);
        assertThrows(TimeoutException.class, () -> room.get(100, TimeUnit.MILLISECONDS));
        g.close();
        assertEquals(0, room.get(5, TimeUnit.SECONDS), "0: stop reading");
        assertEquals(0, g.awaitRoom());
    }

    @Test void aZeroBufferStillLetsOneByteThrough() throws Exception {
        ReadGate g = new ReadGate(0);
        assertEquals(1, g.bound());
        assertEquals(1, g.awaitRoom()); // never a 0-byte read, which would look like the gate closed
    }
}
