package io.twinboard.bench.board;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;

import java.util.BitSet;
import java.util.function.LongFunction;

/**
 * Fills the parts of a board's peripheral space that no device model claims: reads 0, ignores
 * writes, and reports each address once (reads and writes apart) as unmodelled, naming the
 * peripheral that lives there on silicon.
 */
final class UnmodelledGap implements MmioDevice {
    private final long base;
    private final LongFunction<String> peripheralAt;
    private final GuestLog log;
    private final BitSet readSeen = new BitSet();
    private final BitSet writeSeen = new BitSet();

    UnmodelledGap(long base, LongFunction<String> peripheralAt, GuestLog log) {
        this.base = base;
        this.peripheralAt = peripheralAt;
        this.log = log;
    }

    @Override public int read(int offset, int size) {
        if (!readSeen.get(offset)) {
            readSeen.set(offset);
            long a = base + offset;
            log.unimplemented(peripheralAt.apply(a), "r" + a, String.format("read of %d byte(s) at 0x%08x: not modelled, reads 0", size, a));
        }
        return 0;
    }

    @Override public void write(int offset, int size, int value) {
        if (!writeSeen.get(offset)) {
            writeSeen.set(offset);
            long a = base + offset;
            log.unimplemented(peripheralAt.apply(a), "w" + a, String.format("write of 0x%x (%d byte(s)) at 0x%08x: not modelled, ignored", value, size, a));
        }
    }
}
