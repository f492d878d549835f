package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.cpu.XtensaRegister;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Block execution ({@link Lx106Block}) is invisible: a program gives the same registers,
 * cycles, instruction count and CCOUNT readings whether the core runs blocks or single
 * instructions (any breakpoint turns blocks off), with deadlines, a timer interrupt and device
 * accesses falling inside blocks; code stored into the running block is executed.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Lx106BlockTest {
    static final int IRAM = 0x40100000, DATA = 0x3FF00000, DEV = 0x60000000;
    static final int SR_VECBASE = 231, SR_CCOMPARE0 = 240, SR_INTENABLE = 228, SR_PS = 230, SR_CCOUNT = 234;

    /** One core with IRAM, a data page and a device whose reads return the virtual time in ns. */
    static final class Board implements AutoCloseable {
        final Bus bus = new Bus();
        final Scheduler scheduler = new Scheduler();
        final ClockDomain clock = new ClockDomain("cpu", 80_000_000);
        final XtensaLx106 cpu;

        Board(Asm program, boolean blocks) {
            bus.mapMemory("iram", IRAM, 0x8000, true);
            bus.mapMemory("data", DATA, 0x1000, true);
            bus.mapDevice("dev", DEV, 0x100, new MmioDevice() {
                @Override public int read(int offset, int size) { return (int) (scheduler.now() / 1000); }
                @Override public void write(int offset, int size, int value) { }
            });
            cpu = new XtensaLx106(bus, scheduler, clock, new GuestLog(null), SymbolTable.EMPTY);
            bus.load(program.origin, program.bytes());
            cpu.invalidateCode();
            cpu.reset(program.origin);
            if (!blocks) cpu.addBreakpoint(IRAM + 0x7000); // never reached: only turns blocks off
        }

        /** Runs in slices of {@code sliceCycles} (deadlines land inside blocks) until not a deadline. */
        StopReason runInSlices(long sliceCycles) {
            for (long k = 1; k < 100_000; k++) {
                StopReason r = cpu.run(clock.timeOf(k * sliceCycles));
                if (!(r instanceof StopReason.Deadline)) return r;
            }
            throw new AssertionError("did not finish");
        }

        String state() {
            StringBuilder sb = new StringBuilder();
            for (int i = 4; i < 16; i++) sb.append("a").append(i).append('=').append(cpu.readRegister(XtensaRegister.valueOf("A" + i))).append(' ');
            return sb + "pc=" + cpu.pc() + " cycles=" + cpu.cycles() + " instructions=" + cpu.instructions();
        }

        @Override public void close() { bus.close(); }
    }

    /**
     * A loop with load-use and MULL-use stalls, RSR CCOUNT and a device read in the middle of
     * its block, summing the CCOUNT and device values into a13, while a CCOMPARE0 interrupt
     * every 37 cycles counts in a10 (its handler reads CCOUNT too).
     */
    static Asm timedLoop() {
        Asm a = new Asm(IRAM);
        int setup = IRAM + 0x60;
        a.j(setup);
        a.org(IRAM + 0x30) // kernel vector (VECBASE = IRAM): the timer interrupt
            .rsr(11, SR_CCOUNT).addi(11, 11, 37).wsr(11, SR_CCOMPARE0).addi(10, 10, 1).rfe();
        a.org(setup).li(2, IRAM).wsr(2, SR_VECBASE).movi(2, 50).wsr(2, SR_CCOMPARE0).movi(2, 0x40).wsr(2, SR_INTENABLE)
            .li(6, DATA).li(15, DEV).movi(4, 300).movi(2, 0).wsr(2, SR_PS);
        int loop = a.pc();
        a.l32i(5, 6, 0).add(7, 5, 5).mull(8, 7, 4).add(9, 8, 9).rsr(12, SR_CCOUNT).add(13, 13, 12)
            .l32i(14, 15, 0).add(13, 13, 14).s32i(9, 6, 4).addi(4, 4, -1).bnez(4, loop).exit(0);
        return a;
    }

    /**
     * Like {@link #timedLoop}, with a conditional branch in the middle of the loop's block that
     * is taken every other iteration (a side exit past a load-use pair, CCOUNT read and device
     * read) and a MULL whose result the branch-free path uses right after the branch.
     */
    static Asm loopWithSideExit() {
        Asm a = new Asm(IRAM);
        int setup = IRAM + 0x60;
        a.j(setup);
        a.org(IRAM + 0x30)
            .rsr(11, SR_CCOUNT).addi(11, 11, 41).wsr(11, SR_CCOMPARE0).addi(10, 10, 1).rfe();
        a.org(setup).li(2, IRAM).wsr(2, SR_VECBASE).movi(2, 50).wsr(2, SR_CCOMPARE0).movi(2, 0x40).wsr(2, SR_INTENABLE)
            .li(6, DATA).li(15, DEV).movi(4, 300).movi(2, 0).wsr(2, SR_PS);
        int loop = a.pc();
        int skip = loop + 3 + 3 + 3 + 3 + 3 + 3 + 3 + 3 + 3; // the instructions up to the label below
        a.mull(8, 4, 4).bbci(4, 0, skip).add(9, 8, 9).l32i(5, 6, 0).add(7, 5, 9).rsr(12, SR_CCOUNT).add(13, 13, 12)
            .l32i(14, 15, 0).add(13, 13, 14);
        assertEquals(skip, a.pc());
        a.s32i(9, 6, 4).addi(4, 4, -1).rsr(12, SR_CCOUNT).add(13, 13, 12).bnez(4, loop).exit(0);
        return a;
    }

    @Test void blocksAndSingleStepsGiveTheSameRun() {
        assertSameRun(Lx106BlockTest::timedLoop);
    }

    @Test void sideExitsOfTakenBranchesGiveTheSameRun() {
        assertSameRun(Lx106BlockTest::loopWithSideExit);
    }

    private static void assertSameRun(java.util.function.Supplier<Asm> program) {
        for (long slice : new long[] {13, 97, 1000, 1L << 40}) {
            String withBlocks, single;
            try (Board b = new Board(program.get(), true)) {
                assertInstanceOf(StopReason.Exit.class, b.runInSlices(slice));
                assertTrue(b.cpu.readRegister(XtensaRegister.A10) > 10, "the timer interrupted the loop");
                withBlocks = b.state();
            }
            try (Board b = new Board(program.get(), false)) {
                assertInstanceOf(StopReason.Exit.class, b.runInSlices(slice));
                single = b.state();
            }
            assertEquals(single, withBlocks, "slices of " + slice + " cycles");
        }
    }

    @Test void aDeadlineInsideAStraightRunStopsAtItsCycle() {
        Asm a = new Asm(IRAM);
        for (int i = 0; i < 200; i++) a.nop();
        a.exit(0);
        try (Board b = new Board(a, true)) {
            for (long deadline : new long[] {37, 64, 65, 150}) {
                assertInstanceOf(StopReason.Deadline.class, b.cpu.run(b.clock.timeOf(deadline)));
                assertEquals(deadline, b.cpu.cycles(), "one cycle per NOP, none started at or after the deadline");
                assertEquals(deadline, b.cpu.instructions());
                assertEquals(IRAM + 3 * (int) deadline, b.cpu.pc());
            }
        }
    }

    @Test void codeStoredIntoTheRunningBlockIsExecuted() {
        Asm a = new Asm(DATA);
        int target = DATA + 5 * 3; // li (3 instructions), movi, s8i: then the movi a3 below
        a.li(6, target).movi(4, 7).s8i(4, 6, 2); // the immediate byte of "movi a3, 1"
        assertEquals(target, a.pc());
        a.movi(3, 1).movi(2, 1).simcall();
        try (Board b = new Board(a, true)) {
            StopReason r = b.cpu.run(VirtualTime.NEVER);
            assertEquals(7, assertInstanceOf(StopReason.Exit.class, r).code());
        }
    }
}
