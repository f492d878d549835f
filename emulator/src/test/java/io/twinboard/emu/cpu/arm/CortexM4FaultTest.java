package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.cpu.ArmRegister;
import io.twinboard.emu.cpu.FaultReport;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.time.VirtualTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults are raised architecturally (B1.5.14, B3.2.15-16) and stop the run with a report. */
class CortexM4FaultTest {
    static final long SCS = 0xE000_E000L;

    private static FaultReport fault(M4Harness h) {
        StopReason r = h.run(VirtualTime.ofMillis(1));
        return assertInstanceOf(StopReason.Fault.class, r, () -> "expected a fault stop, got " + r).report();
    }

    @Test void undefinedInstructionEscalatesToHardFaultWhenUsageFaultIsDisabled() {
        try (M4Harness h = new M4Harness(M4Programs.UDF)) {
            FaultReport f = fault(h);
            assertEquals("HardFault (forced from UsageFault)", f.kind());
            assertEquals(h.program.symbol("faulting"), f.pc());
            assertTrue(f.report().contains("UNDEFINSTR"), f.report());
            assertTrue(f.report().contains("FORCED"), f.report());
            assertTrue(f.report().contains("<faulting>"), f.report());
            assertEquals(1 << 16, h.word(SCS + 0xD28), "CFSR.UNDEFINSTR");
            assertEquals(1 << 30, h.word(SCS + 0xD2C), "HFSR.FORCED");
            assertEquals(Nvic.HARDFAULT, h.cpu.currentException());
            assertEquals(h.program.symbol("handler"), h.cpu.pc(), "stopped at the handler's first instruction");
            int sp = h.cpu.readRegister(ArmRegister.MSP);
            assertEquals(h.program.symbol("faulting"), h.word(sp + 24L), "stacked PC is the faulting instruction");
            assertEquals(1, h.word(sp), "stacked r0");
        }
    }

    @Test void undefinedInstructionIsAUsageFaultWhenEnabled() {
        try (M4Harness h = new M4Harness(M4Programs.UDF)) {
            h.poke(SCS + 0xD24, 1 << 18);          // SHCSR.USGFAULTENA
            FaultReport f = fault(h);
            assertEquals("UsageFault", f.kind());
            assertEquals(Nvic.USAGEFAULT, h.cpu.currentException());
            assertEquals(0, h.word(SCS + 0xD2C), "not forced");
        }
    }

    @Test void faultCanBeLeftToTheFirmware() {
        try (M4Harness h = new M4Harness(M4Programs.UDF, CortexM4.Options.stm32f429().withStopOnFault(false))) {
            StopReason r = h.run(VirtualTime.ofMicros(5));
            assertEquals(StopReason.DEADLINE, r);
            assertEquals(Nvic.HARDFAULT, h.word(0x2000_0004L), "the firmware's handler ran and logged HardFault");
        }
    }

    @Test void loadFromUnmappedMemoryIsAPreciseBusFaultWithBfar() {
        try (M4Harness h = new M4Harness(M4Programs.BUS)) {
            h.poke(SCS + 0xD24, 1 << 17);          // SHCSR.BUSFAULTENA
            FaultReport f = fault(h);
            assertEquals("BusFault", f.kind());
            assertEquals(h.program.symbol("faulting"), f.pc());
            assertTrue(f.report().contains("PRECISERR BFARVALID"), f.report());
            assertTrue(f.report().contains("BFAR  0x50000008"), f.report());
            assertEquals(0x5000_0008, h.word(SCS + 0xD38));
            int sp = h.cpu.readRegister(ArmRegister.MSP);
            assertEquals(7, h.word(sp + 8L), "stacked r2: instructions before the fault ran, the one after did not");
        }
    }

    @Test void unalignedAccessTrapsWithUnalignTrp() {
        try (M4Harness h = new M4Harness(M4Programs.UNALIGNED)) {
            FaultReport f = fault(h);
            assertEquals("HardFault (forced from UsageFault)", f.kind());
            assertEquals(h.program.symbol("faulting"), f.pc());
            assertTrue(f.report().contains("UNALIGNED"), f.report());
            int sp = h.cpu.readRegister(ArmRegister.MSP);
            assertEquals(7, h.word(sp + 8L), "the load did not complete: r2 not yet 8");
        }
    }

    @Test void divideByZeroTrapsWithDiv0Trp() {
        try (M4Harness h = new M4Harness(M4Programs.DIV0)) {
            FaultReport f = fault(h);
            assertEquals(h.program.symbol("faulting"), f.pc());
            assertTrue(f.report().contains("DIVBYZERO"), f.report());
            int sp = h.cpu.readRegister(ArmRegister.MSP);
            assertEquals(0x33, h.word(sp), "the divide did not write r0");
        }
    }

    @Test void faultInsideHardFaultLocksUp() {
        try (M4Harness h = new M4Harness(M4Programs.UDF, CortexM4.Options.stm32f429().withStopOnFault(true))) {
            fault(h);
            // resume: the handler runs at priority -1; make it fault by pointing its next fetch at nothing
            h.cpu.writeRegister(ArmRegister.PC, 0x3000_0000);
            FaultReport f = fault(h);
            assertTrue(f.kind().startsWith("Lockup"), f.kind());
        }
    }

    @Test void storeToFlashIsABusFault() {
        try (M4Harness h = new M4Harness(M4Programs.FLASH_WRITE)) {
            h.poke(SCS + 0xD24, 1 << 17);          // SHCSR.BUSFAULTENA
            int before = h.word(0x0800_0100L);
            FaultReport f = fault(h);
            assertEquals("BusFault", f.kind());
            assertEquals(h.program.symbol("faulting"), f.pc());
            assertEquals(0x0800_0100, h.word(SCS + 0xD38), "BFAR");
            assertEquals(before, h.word(0x0800_0100L), "flash unchanged");
        }
    }
}
