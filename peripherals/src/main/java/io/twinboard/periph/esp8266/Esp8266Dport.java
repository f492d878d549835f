package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import java.util.function.BooleanSupplier;

/**
 * DPORT block at 0x3FF00000 (no interrupt of its own).
 *
 * <p>Modelled: CPU_CLOCK (0x14) bit 0 CPU2X — the core {@link ClockDomain} runs at 160 MHz while
 * it is set, 80 MHz otherwise (Arduino {@code esp8266_peri.h} "CPU2X", SDK
 * {@code system_update_cpu_freq}); the APB clock stays 80 MHz. EDGE_INT_ENABLE (0x04; SDK
 * {@code EDGE_INT_ENABLE_REG}): bit 0 WDT, bit 1 FRC1 (TM1_EDGE_INT_ENABLE), bit 2 FRC2 — read by
 * {@link Esp8266Timers} to gate their edge interrupts. SPI_INT_STATUS (0x20, read-only): bit 4
 * SPI0, bit 7 SPI1/HSPI, bit 9 I2S pending (esp-open-rtos {@code dport_regs.h}). SPI_READY
 * (0x0C) bit 9: flash SPI busy. OTP_MAC0/MAC1/CHIPID/MAC2 (0x50..0x5C) read the values given to
 * {@link #setOtp}.
 *
 * <p>The block may be mapped with a 4 KB window: offsets past 0xFF read 0 and are reported once as
 * unmodelled.
 *
 * <p>Declared, stored and unmodelled: DPORT_CTL (0x00: FRC1 NMI routing), CLOCKGATE_WATCHDOG
 * (0x18), SPI_CACHE_RAM (0x24: IRAM cache banks), PERI_IO_SWAP (0x28), and the registers whose
 * purpose nobody has documented.
 */
public final class Esp8266Dport implements MmioDevice {
    public static final int EDGE_WDT = 1, EDGE_FRC1 = 1 << 1, EDGE_FRC2 = 1 << 2;
    private static final int CPU2X = 1;

    private final Scheduler scheduler;
    private final ClockDomain cpu;
    private final RegisterBank regs;
    private final Esp8266Unmodelled beyond;
    private Register edgeIntEnable, cpuClock;
    private Register otpMac0, otpMac1, otpChipId, otpMac2;
    private BooleanSupplier spi0Pending = () -> false, spi1Pending = () -> false, i2sPending = () -> false;
    private BooleanSupplier spi0Busy = () -> false;

    /** @param cpu the core clock domain, set to 80 or 160 MHz by CPU2X */
    public Esp8266Dport(Scheduler scheduler, ClockDomain cpu, GuestLog log) {
        this.scheduler = scheduler;
        this.cpu = cpu;
        regs = new RegisterBank("DPORT", (int) Esp8266Map.DPORT_SIZE, log);
        beyond = new Esp8266Unmodelled("DPORT", Esp8266Map.DPORT_BASE, log);
        regs.reg(0x00, "DPORT_CTL").unmodelled(0x1, "FRC1 interrupt routed to NMI");
        edgeIntEnable = regs.reg(0x04, "EDGE_INT_ENABLE").writeMask(0x7)
                .field("WDT_EDGE_INT_EN", 0, 1).field("FRC1_EDGE_INT_EN", 1, 1).field("FRC2_EDGE_INT_EN", 2, 1);
        regs.reg(0x08, "DPORT_UNKNOWN_08").unmodelled(-1, "undocumented");
        regs.reg(0x0C, "SPI_READY").readOnly().field("SPI_BUSY", 9, 1)
                .onRead(() -> spi0Busy.getAsBoolean() ? 1 << 9 : 0);
        regs.reg(0x10, "DPORT_UNKNOWN_10").unmodelled(-1, "undocumented");
        cpuClock = regs.reg(0x14, "CPU_CLOCK").writeMask(CPU2X).field("CPU2X", 0, 1)
                .onWrite((o, n, raw) -> applyCpuClock(n));
        regs.reg(0x18, "CLOCKGATE_WATCHDOG").unmodelled(-1, "watchdog clock gate");
        regs.reg(0x1C, "DPORT_UNKNOWN_1C").unmodelled(-1, "undocumented");
        regs.reg(0x20, "SPI_INT_STATUS").readOnly()
                .field("SPI0_INT", 4, 1).field("SPI1_INT", 7, 1).field("I2S_INT", 9, 1)
                .onRead(this::spiIntStatus);
        regs.reg(0x24, "SPI_CACHE_RAM").unmodelled(-1, "IRAM banks used as flash cache");
        regs.reg(0x28, "PERI_IO_SWAP").unmodelled(-1, "UART/SPI pin swapping");
        for (int off = 0x2C; off < 0x50; off += 4)
            regs.reg(off, String.format("DPORT_UNKNOWN_%02X", off)).unmodelled(-1, "undocumented");
        otpMac0 = regs.reg(0x50, "OTP_MAC0").readOnly();
        otpMac1 = regs.reg(0x54, "OTP_MAC1").readOnly();
        otpChipId = regs.reg(0x58, "OTP_CHIPID").readOnly();
        otpMac2 = regs.reg(0x5C, "OTP_MAC2").readOnly();
    }

    /** Sources of SPI_INT_STATUS: SPI0 (bit 4), SPI1/HSPI (bit 7), I2S (bit 9). */
    public void setSpiInterruptSources(BooleanSupplier spi0, BooleanSupplier spi1, BooleanSupplier i2s) {
        spi0Pending = spi0;
        spi1Pending = spi1;
        i2sPending = i2s;
    }

    /** What SPI_READY bit 9 reports (the flash controller's busy state). */
    public void setSpi0Busy(BooleanSupplier busy) { spi0Busy = busy; }

    /** Values of the eFuse/OTP words the SDK reads for the MAC address and chip id. */
    public void setOtp(int mac0, int mac1, int chipId, int mac2) {
        otpMac0.reset(mac0);
        otpMac1.reset(mac1);
        otpChipId.reset(chipId);
        otpMac2.reset(mac2);
    }

    /** True when EDGE_INT_ENABLE has all bits of {@code mask} ({@link #EDGE_FRC1}, ...). */
    public boolean edgeInterruptEnabled(int mask) { return (edgeIntEnable.get() & mask) == mask; }

    /** True while CPU2X selects 160 MHz. */
    public boolean cpuDoubled() { return cpuClock.bit(0); }

    public RegisterBank registers() { return regs; }

    @Override public int read(int offset, int size) {
        return offset < Esp8266Map.DPORT_SIZE ? regs.read(offset, size) : beyond.read(offset, size);
    }

    @Override public void write(int offset, int size, int value) {
        if (offset < Esp8266Map.DPORT_SIZE) regs.write(offset, size, value);
        else beyond.write(offset, size, value);
    }

    private void applyCpuClock(int value) {
        cpu.setFrequency((value & CPU2X) != 0 ? Esp8266Map.CPU_HZ_DOUBLE : Esp8266Map.CPU_HZ_DEFAULT, scheduler.now());
    }

    private int spiIntStatus() {
        return (spi0Pending.getAsBoolean() ? 1 << 4 : 0)
                | (spi1Pending.getAsBoolean() ? 1 << 7 : 0)
                | (i2sPending.getAsBoolean() ? 1 << 9 : 0);
    }
}
