package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.arm.timing.BlockTiming;

/**
 * The Cortex-M4's path to devices: Unicorn's MMIO callbacks, each at the exact cycle of the
 * accessing instruction (the scheduler is brought to it first, so devices see exact times), an
 * unmapped access as a precise BusFault on that instruction, and the repeatable reads handed to
 * the native block hook (docs/native-block-hook.md, "Repeated status-register reads").
 *
 * <p>Machine thread only; part of {@link CortexM4}, which owns the state it uses.
 */
final class DeviceAccess {
    /**
     * Without the cycle model nothing counts cycles, so virtual time would stand still and a
     * firmware polling a ready flag (RCC HSERDY, USART TXE) would wait forever. Bare mode therefore
     * moves time by this many core cycles per device access — a crude clock that lets polling
     * loops progress, good only for speed comparisons (no deadlines, no interrupts in bare mode).
     */
    static final int BARE_CYCLES_PER_DEVICE_ACCESS = 100;

    private final CortexM4 core;
    private boolean inMmio;
    private long mmioCycle;
    /** The last device read through Java (window, offset, size) and its value; -1: none since
     *  the last write or slice start. */
    private long lastReadKey = -1;
    private int lastReadValue;

    DeviceAccess(CortexM4 core) { this.core = core; }

    /** Exact core cycle "now": the accessing instruction's cycle during an MMIO callback. */
    long now() { return inMmio ? mmioCycle : core.account.cycles; }

    /** Device state may have changed outside the reads the native side answers. */
    void forgetReads() {
        lastReadKey = -1;
        if (core.trace != null) core.trace.forgetRead();
    }

    int read(int window, int offset, int size) {
        long address = core.memoryMap.windowBase(window) + offset;
        Region r = core.bus.find(address);
        if (!(r instanceof Region.Mmio d)) return unmapped(address, size, false);
        enter((int) address, size, false);
        try {
            int deviceOffset = (int) (address - d.base());
            int v = d.device().read(deviceOffset, size);
            if (core.trace != null) offerReadToNativeSide(window, offset, size, v, d.device().repeatableRead(deviceOffset, size));
            return v;
        } finally {
            inMmio = false;
            core.armTrace();
        }
    }

    void write(int window, int offset, int size, int value) {
        long address = core.memoryMap.windowBase(window) + offset;
        Region r = core.bus.find(address);
        if (!(r instanceof Region.Mmio d)) { unmapped(address, size, true); return; }
        forgetReads();
        enter((int) address, size, true);
        try {
            d.device().write((int) (address - d.base()), size, value);
        } finally {
            inMmio = false;
            core.armTrace();
        }
    }

    /**
     * The second identical read in a row of a repeatable register (MmioDevice.repeatableRead)
     * lets the native side answer the next ones (BlockTrace.cacheRead): a firmware polling a
     * status flag then runs without a Java call per poll until the flag can change.
     */
    private void offerReadToNativeSide(int window, int offset, int size, int value, boolean repeatable) {
        long key = ((long) window << 40) | ((long) offset << 8) | size;
        if (repeatable && key == lastReadKey && value == lastReadValue) core.trace.cacheRead(window, offset, size, value);
        else core.trace.forgetRead();
        lastReadKey = key;
        lastReadValue = value;
    }

    private void enter(int address, int size, boolean write) {
        CycleAccount account = core.account;
        account.drain();
        long c;
        if (core.options.cycleAccounting()) c = account.accessCycle(address, size, write);
        else c = account.cycles += BARE_CYCLES_PER_DEVICE_ACCESS;
        mmioCycle = c;
        inMmio = true;
        core.scheduler.advanceTo(core.clock.timeOf(c));
    }

    private int unmapped(long address, int size, boolean write) {
        core.account.drain();
        int blockPc = core.engine.read(ArmRegister.PC) & ~1;
        BlockTiming b = core.blockAt(blockPc);
        int i = b.findAccessIndex((int) address, size, write, 0, core.liveRegs);
        core.stopForFault(Nvic.BUSFAULT, Scb.PRECISERR | Scb.BFARVALID, (int) address, i >= 0 ? b.instruction(i).address() : blockPc);
        return 0;
    }
}
