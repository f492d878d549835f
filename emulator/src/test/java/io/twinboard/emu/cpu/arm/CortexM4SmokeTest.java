package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CortexM4SmokeTest {
    @Test void semihostingWriteAndExitExtended() {
        try (M4Harness h = new M4Harness(M4Programs.EXIT)) {
            StopReason r = h.run(VirtualTime.ofMillis(1));
            assertEquals(new StopReason.Exit(3), r);
            assertEquals("hi\n", h.console.toString());
        }
    }
}
