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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** Interpreter behaviour the QEMU conformance suite cannot observe: time, cycles, idle, faults. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class XtensaLx106Test {
    static final int IRAM = 0x40100000, DRAM = 0x3FFE8000, DEV = 0x60000000;

    final Bus bus = new Bus();
    final Scheduler scheduler = new Scheduler();
    final ClockDomain clock = new ClockDomain("cpu", 80_000_000);
    final GuestLog log = new GuestLog(null);
    long lastDeviceReadTime = -1;
    final XtensaLx106 cpu;

    XtensaLx106Test() {
        bus.mapMemory("iram", IRAM, 0x8000, true);
        bus.mapMemory("dram", DRAM, 0x14000, true);
        bus.mapDevice("dev", DEV, 0x100, new MmioDevice() {
            @Override public int read(int offset, int size) { lastDeviceReadTime = scheduler.now(); return 0x5A; }
            @Override public void write(int offset, int size, int value) {
                scheduler.scheduleIn(value, "device event", () -> { });
            }
        });
        cpu = new XtensaLx106(bus, scheduler, clock, log, SymbolTable.EMPTY);
    }

    @AfterEach void close() { bus.close(); }

    void load(Asm a) {
        bus.load(a.origin, a.bytes());
        cpu.invalidateCode();
        cpu.reset(a.origin);
    }

    /** The run loop of DESIGN.md: run to the next event, fire it, repeat; until not a deadline. */
    StopReason runToEnd() {
        for (int i = 0; i < 1000; i++) {
            StopReason r = cpu.run(scheduler.nextDeadline());
            if (!(r instanceof StopReason.Deadline)) return r;
            scheduler.advanceTo(scheduler.nextDeadline());
        }
        throw new AssertionError("did not finish");
    }

    static int exitCode(StopReason r) {
        return assertInstanceOf(StopReason.Exit.class, r, () -> "stopped with " + r).code();
    }

    @Test void straightLineCodeCostsOneCyclePerInstruction() {
        load(new Asm(IRAM).nop().nop().nop().nop().exit(0));
        assertEquals(0, exitCode(runToEnd()));
        assertEquals(7, cpu.instructions());
        assertEquals(7, cpu.cycles());
    }

    @Test void takenBranchesCostTwoExtraCycles() {
        Asm a = new Asm(IRAM).movi(4, 3);
        int loop = a.pc();
        a.addi(4, 4, -1).bnez(4, loop).exit(0);
        load(a);
        runToEnd();
        assertEquals(10, cpu.instructions());
        assertEquals(10 + 2 * Lx106Timing.TAKEN_BRANCH_PENALTY, cpu.cycles());
    }

    @Test void usingALoadResultInTheNextInstructionStallsOneCycle() {
        load(new Asm(IRAM).li(6, IRAM + 0x7C).l32i(5, 6, 0).add(7, 5, 5).exit(0));
        runToEnd();
        long withStall = cpu.cycles();
        load(new Asm(IRAM).li(6, IRAM + 0x7C).l32i(5, 6, 0).add(7, 6, 6).exit(0));
        runToEnd();
        assertEquals(withStall - 1, cpu.cycles());
        load(new Asm(IRAM).movi(5, 3).mull(7, 5, 5).add(8, 7, 7).exit(0));
        runToEnd();
        assertEquals(6 + Lx106Timing.RESULT_USE_STALL, cpu.cycles(), "MULL result latency");
    }

    @Test void ccountReadsTheExactCycleCount() {
        load(new Asm(IRAM).nop().rsr(5, 234).rsr(6, 234).exit(0));
        cpu.run(VirtualTime.NEVER);
        assertEquals(2, cpu.readRegister(XtensaRegister.A5), "CCOUNT after NOP and the RSR itself");
        assertEquals(3, cpu.readRegister(XtensaRegister.A6));
    }

    @Test void runStopsAtTheDeadlineCycle() {
        Asm a = new Asm(IRAM);
        a.j(a.pc());
        load(a);
        StopReason r = cpu.run(clock.timeOf(1000));
        assertInstanceOf(StopReason.Deadline.class, r);
        assertTrue(cpu.cycles() >= 1000 && cpu.cycles() < 1003, "cycles " + cpu.cycles());
    }

    @Test void waitiWithNothingScheduledIsIdle() {
        Asm a = new Asm(IRAM).waiti(0);
        int after = a.pc();
        load(a);
        assertEquals(StopReason.IDLE, cpu.run(VirtualTime.NEVER));
        assertEquals(after, cpu.pc());
        assertEquals(StopReason.IDLE, cpu.run(VirtualTime.NEVER), "still asleep");
    }

    @Test void waitiSleepsUntilTheEventThatRaisesAnInterrupt() {
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231).movi(2, 1).wsr(2, 228).movi(2, 0).wsr(2, 230).waiti(0).exit(1);
        a.org(IRAM + 0x30).movi(3, 40).movi(2, 1).simcall();
        load(a);
        var line = cpu.interrupt(0);
        scheduler.schedule(VirtualTime.ofMicros(10), "irq", () -> line.raise());
        StopReason r = runToEnd();
        assertEquals(40, exitCode(r));
        long wake = clock.cycleAt(VirtualTime.ofMicros(10));
        assertTrue(cpu.cycles() >= wake && cpu.cycles() < wake + 20, "woke at cycle " + cpu.cycles());
        assertEquals(ExcCause.LEVEL1_INTERRUPT, cpu.readRegister(XtensaRegister.EXCCAUSE));
    }

    @Test void ccompare0RaisesTheTimerInterruptAtItsCycle() {
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231).movi(2, 200).wsr(2, 240).movi(2, 0x40).wsr(2, 228).movi(2, 0).wsr(2, 230);
        a.j(a.pc());
        a.org(IRAM + 0x30).rsr(3, 228 - 2).movi(2, 1).simcall(); // RSR INTERRUPT (226)
        load(a);
        StopReason r = runToEnd();
        assertEquals(0x40, exitCode(r) & 0x40);
        assertTrue(cpu.cycles() >= 200 && cpu.cycles() < 215, "cycles " + cpu.cycles());
    }

    @Test void nmiIsTakenEvenWithInterruptsMasked() {
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231);
        a.j(a.pc());
        a.org(IRAM + 0x20).exit(14);
        load(a);
        cpu.run(clock.timeOf(50));
        assertEquals(0x1F, cpu.readRegister(XtensaRegister.PS), "reset PS masks everything");
        cpu.interrupt(14).raise();
        assertEquals(14, exitCode(runToEnd()));
    }

    @Test void internalInterruptsAreNotInputs() {
        assertThrows(IllegalArgumentException.class, () -> cpu.interrupt(6));
        assertThrows(IllegalArgumentException.class, () -> cpu.interrupt(7));
        assertThrows(IllegalArgumentException.class, () -> cpu.interrupt(15));
    }

    @Test void levelInterruptFollowsItsLineAndEdgeInterruptLatches() {
        cpu.interrupt(3).raise();
        cpu.interrupt(9).raise();
        assertEquals(1 << 3 | 1 << 9, cpu.readRegister(XtensaRegister.INTERRUPT));
        cpu.interrupt(3).lower();
        cpu.interrupt(9).lower();
        assertEquals(1 << 9, cpu.readRegister(XtensaRegister.INTERRUPT));
    }

    @Test void callIntoUnmappedRomStopsWithAFault() {
        load(new Asm(IRAM).li(2, 0x40000040).callx0(2));
        StopReason r = cpu.run(VirtualTime.NEVER);
        var f = assertInstanceOf(StopReason.Fault.class, r);
        assertTrue(f.report().report().contains("ROM"), f.report().report());
        assertEquals(0x40000040, f.report().pc());
    }

    @Test void byteLoadFromWordOnlyMemoryRaisesLoadStoreError() {
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231).movi(2, 0).wsr(2, 230).li(6, IRAM).l8ui(5, 6, 1).exit(0);
        a.org(IRAM + 0x30).rsr(3, 232).movi(2, 1).simcall();
        load(a);
        cpu.setWaitStates(IRAM, 0x8000, true, 0, 0, 0);
        assertEquals(ExcCause.LOAD_STORE_ERROR, exitCode(runToEnd()));
        assertEquals(IRAM + 1, cpu.readRegister(XtensaRegister.EXCVADDR));
    }

    @Test void waitStatesAddToFetchesAndLoads() {
        load(new Asm(DRAM).nop().nop().exit(0));
        cpu.setWaitStates(DRAM, 0x14000, false, 1, 0, 0);
        runToEnd();
        assertEquals(5 * 2, cpu.cycles());
    }

    /** Loads and stores to a page with load/store wait states: each access adds its page's wait, before the next instruction. */
    @Test void waitStatesAddToLoadsAndStores() {
        int[] ccount = new int[2];
        long[] cycles = new long[2];
        for (int k = 0; k < 2; k++) {
            // a6 = the page after the code's; l32i, s32i, l8ui there, then RSR CCOUNT
            load(new Asm(IRAM).li(6, IRAM).movi(7, 0x100).slli(7, 7, 4).add(6, 6, 7)
                .l32i(5, 6, 0).s32i(5, 6, 4).l8ui(7, 6, 1).rsr(3, 234).s32i(3, 6, 8).exit(0));
            cpu.setWaitStates(IRAM + 0x1000, 0x1000, false, 0, 2 * k, 3 * k);
            runToEnd();
            ccount[k] = bus.read(Integer.toUnsignedLong(IRAM + 0x1008), 4);
            cycles[k] = cpu.cycles();
        }
        assertEquals(2 + 3 + 2, ccount[1] - ccount[0], "CCOUNT after l32i, s32i, l8ui");
        assertEquals(2 + 3 + 2 + 3, cycles[1] - cycles[0], "and the s32i of CCOUNT");
    }

    @Test void storeOverCachedCodeIsSeenByTheNextExecution() {
        int f = IRAM + 0x40;
        Asm a = new Asm(IRAM).call0(f).add(9, 3, 3).li(6, f).movi(4, 2).s8i(4, 6, 2).call0(f).add(3, 3, 9).movi(2, 1).simcall();
        a.org(f).movi(3, 1).ret();
        load(a);
        assertEquals(2 + 2, exitCode(runToEnd()), "first call returned 1 (doubled), second 2");
    }

    /**
     * The block that calls f keeps a link to f's block, in another page; f's code changes after
     * the link was made, and the next call through the link must run the new code: f returns
     * 1, then 3, then 2.
     */
    @Test void storeOverCachedCodeRetiresLinksToIt() {
        int f = IRAM + 0x1000;
        Asm a = new Asm(IRAM).movi(4, 3).movi(9, 0).li(6, IRAM).movi(7, 0x100).slli(7, 7, 4).add(6, 6, 7); // a6 = f
        int loop = a.pc();
        a.call0(f).add(9, 9, 3).s8i(4, 6, 2).addi(4, 4, -1).bnez(4, loop).movi(2, 1).add(3, 9, 12).simcall();
        a.org(f).movi(3, 1).ret();
        load(a);
        assertEquals(1 + 3 + 2, exitCode(runToEnd()));
    }

    @Test void deviceAccessSeesTheCoresTimeAndEarlierEventsEndTheRun() {
        load(new Asm(IRAM).nop().nop().nop().li(6, DEV).l32i(5, 6, 0).movi(7, 100).s32i(7, 6, 4).nop().nop().exit(0));
        StopReason r = cpu.run(VirtualTime.ofMillis(1));
        assertEquals(clock.timeOf(7), lastDeviceReadTime, "time at the 7th instruction (the load), after its own cycle");
        assertInstanceOf(StopReason.Deadline.class, r, "the device scheduled an event 100 ps ahead");
        assertTrue(cpu.cycles() < 20, "stopped near the event, at cycle " + cpu.cycles());
        assertEquals(0, exitCode(runToEnd()));
    }

    @Test void breakpointStopsBeforeTheInstructionAndResumes() {
        Asm a = new Asm(IRAM).nop().nop();
        int bp = a.pc();
        a.exit(3);
        load(a);
        cpu.addBreakpoint(bp);
        assertEquals(new StopReason.Breakpoint(bp), cpu.run(VirtualTime.NEVER));
        assertEquals(2, cpu.instructions());
        assertEquals(3, exitCode(cpu.run(VirtualTime.NEVER)));
    }

    @Test void illegalInstructionIsLoggedOnceWithItsAddress() {
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231).movi(2, 0).wsr(2, 230).ill().exit(0);
        a.org(IRAM + 0x30).rsr(3, 232).movi(2, 1).simcall();
        load(a);
        assertEquals(ExcCause.ILLEGAL_INSTRUCTION, exitCode(runToEnd()));
        assertEquals(1, log.entries().size(), log.entries().toString());
        assertTrue(log.entries().get(0).message().contains("illegal instruction 000000"), log.entries().toString());
    }

    @Test void aHandlerThatSpinsIsReportedAsAnUnhandledException() {
        // Kernel vector at VECBASE+0x30 is "j ." (as our images' vectors and SDK panic paths).
        Asm a = new Asm(IRAM).li(2, IRAM).wsr(2, 231).movi(2, 0).wsr(2, 230);
        int faulting = a.pc();
        a.ill().exit(0);
        a.org(IRAM + 0x30);
        a.j(a.pc());
        load(a);
        StopReason r = cpu.run(VirtualTime.ofMillis(1));
        StopReason.Fault f = assertInstanceOf(StopReason.Fault.class, r, () -> "stopped with " + r);
        assertEquals(faulting, f.report().pc());
        assertTrue(f.report().kind().contains("IllegalInstruction"), f.report().report());
        assertTrue(f.report().report().contains("loops forever"), f.report().report());
    }

    @Test void requestStopEndsTheRun() {
        Asm a = new Asm(IRAM);
        a.j(a.pc());
        load(a);
        cpu.requestStop();
        assertEquals(StopReason.REQUESTED, cpu.run(VirtualTime.NEVER));
    }

    @Test void requestStopFromAnotherThreadEndsARunningLoop() throws Exception {
        Asm a = new Asm(IRAM);
        int loop = a.pc();
        a.addi(4, 4, 1).j(loop);
        load(a);
        var result = new java.util.concurrent.CompletableFuture<StopReason>();
        Thread t = new Thread(() -> result.complete(cpu.run(VirtualTime.NEVER)));
        t.start();
        Thread.sleep(200);
        cpu.requestStop();
        assertEquals(StopReason.REQUESTED, result.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(cpu.instructions() > 1000, "ran a while: " + cpu.instructions());
    }
}
