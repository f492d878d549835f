package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

/**
 * System configuration controller (RM0090 §9, registers §9.2), base {@link Stm32f429Map#SYSCFG}
 * 0x40013800, no IRQ.
 *
 * <p>Modelled: EXTICR1-4 select which port (0 = A ... 10 = K) feeds EXTI lines 0-15
 * ({@link #extiPort}); CMPCR.READY follows CMP_PD at once (the compensation cell's start-up
 * time is not modelled). MEMRMP (memory remap, FMC bank swap) and PMC (Ethernet PHY
 * interface, ADC DC2) are stored but have no effect: setting them is reported as unmodelled.
 */
public final class Syscfg implements MmioDevice {
    public static final int MEMRMP = 0x00, PMC = 0x04, EXTICR1 = 0x08, CMPCR = 0x20;

    private final RegisterBank bank;
    private final Register[] exticr;

    public Syscfg(GuestLog log) {
        bank = new RegisterBank("SYSCFG", (int) Stm32f429Map.WINDOW, log);
        bank.reg(MEMRMP, "SYSCFG_MEMRMP").reset(0).writeMask(0xD07)
                .field("MEM_MODE", 0, 3).field("FB_MODE", 8, 1).field("SWP_FMC", 10, 2)
                .unmodelled(0xD07, "memory remap and FMC/flash bank swap");
        bank.reg(PMC, "SYSCFG_PMC").reset(0).writeMask(0x0081_0000)
                .field("ADC1DC2", 16, 1).field("MII_RMII_SEL", 23, 1)
                .unmodelled(0x0081_0000, "Ethernet PHY interface and ADC DC2");
        exticr = new Register[4];
        for (int i = 0; i < 4; i++)
            exticr[i] = bank.reg(EXTICR1 + 4 * i, "SYSCFG_EXTICR" + (i + 1)).reset(0).writeMask(0xFFFF)
                    .field("EXTI" + (4 * i), 0, 4).field("EXTI" + (4 * i + 1), 4, 4)
                    .field("EXTI" + (4 * i + 2), 8, 4).field("EXTI" + (4 * i + 3), 12, 4);
        Register[] cmpcr = new Register[1];
        cmpcr[0] = bank.reg(CMPCR, "SYSCFG_CMPCR").reset(0).writeMask(1).field("CMP_PD", 0, 1).field("READY", 8, 1)
                .onWrite((o, n, w) -> cmpcr[0].set((n & 1) | (n & 1) << 8));
    }

    /** Port number (0 = A) whose pin {@code line} feeds EXTI line {@code line} (0..15). */
    public int extiPort(int line) { return exticr[line >>> 2].get() >>> (4 * (line & 3)) & 0xF; }

    public void reset() { bank.reset(); }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }
}
