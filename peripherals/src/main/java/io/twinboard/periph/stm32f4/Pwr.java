package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.util.function.BooleanSupplier;

/**
 * Power controller (RM0090 §5.4), base {@link Stm32f429Map#PWR} 0x40007000, no IRQ of its own
 * (PVD goes through EXTI line 16, not modelled).
 *
 * <p>Modelled: PWR_CR VOS (regulator scale), ODEN/ODSWEN (over-drive, §5.1.4) and DBP;
 * PWR_CSR VOSRDY, ODRDY, ODSWRDY. Ready behaviour, as the over-drive sequence of §5.1.4 needs:
 * <ul>
 *   <li>VOSRDY reads 1 while the main PLL is locked (VOS takes effect when the PLL is enabled,
 *       §5.4.1; the regulator settles within the PLL lock time) and 0 while it is off;</li>
 *   <li>ODRDY is set {@link #OD_READY} after ODEN is set (setting ODEN with the PLL off is
 *       reported as a guest error; ODRDY still follows);</li>
 *   <li>ODSWEN can be set only while ODRDY is set; ODSWRDY follows after {@link #OD_SWITCH};</li>
 *   <li>clearing ODEN clears ODRDY, ODSWEN and ODSWRDY; clearing ODSWEN clears ODSWRDY.</li>
 * </ul>
 * The delays are assumptions (ST publishes no typical values in RM0090; the datasheet's
 * t<sub>OD_swen</sub> is of the same order). Low-power modes, PVD, backup regulator and
 * wake-up pins are not modelled (declared on their bits).
 */
public final class Pwr implements MmioDevice {
    public static final int CR = 0x00, CSR = 0x04;
    public static final long OD_READY = VirtualTime.ofMicros(50);
    public static final long OD_SWITCH = VirtualTime.ofMicros(20);
    static final int ODEN = 1 << 16, ODSWEN = 1 << 17;
    static final int VOSRDY = 1 << 14, ODRDY = 1 << 16, ODSWRDY = 1 << 17;

    private final Scheduler scheduler;
    private final GuestLog log;
    private final BooleanSupplier pllReady;
    private final RegisterBank bank;
    private Register cr, csr; // assigned once, in the constructor
    private Scheduler.Event odEvent, odswEvent;

    /** @param pllReady whether the main PLL is locked (e.g. {@code rcc::pllReady}) */
    public Pwr(Scheduler scheduler, GuestLog log, BooleanSupplier pllReady) {
        this.scheduler = scheduler;
        this.log = log;
        this.pllReady = pllReady;
        bank = new RegisterBank("PWR", (int) Stm32f429Map.WINDOW, log);
        cr = bank.reg(CR, "PWR_CR").reset(0x0000_C000).writeMask(0x000F_EFF3)
                .field("LPDS", 0, 1).field("PDDS", 1, 1).field("CWUF", 2, 1).field("CSBF", 3, 1).field("PVDE", 4, 1)
                .field("PLS", 5, 3).field("DBP", 8, 1).field("FPDS", 9, 1).field("LPUDS", 10, 1).field("MRUDS", 11, 1)
                .field("ADCDC1", 13, 1).field("VOS", 14, 2).field("ODEN", 16, 1).field("ODSWEN", 17, 1).field("UDEN", 18, 2)
                .unmodelled(0x000C_0E13, "low-power modes, PVD and under-drive")
                .onWrite((o, n, w) -> crWritten(o, n, w));
        csr = bank.reg(CSR, "PWR_CSR").reset(0).writeMask(0x0000_0300)
                .field("WUF", 0, 1).field("SBF", 1, 1).field("PVDO", 2, 1).field("BRR", 3, 1).field("EWUP", 8, 1)
                .field("BRE", 9, 1).field("VOSRDY", 14, 1).field("ODRDY", 16, 1).field("ODSWRDY", 17, 1).field("UDRDY", 18, 2)
                .unmodelled(0x300, "wake-up pin and backup regulator")
                .onRead(this::csrValue);
    }

    private int csrValue() {
        return pllReady.getAsBoolean() ? csr.get() | VOSRDY : csr.get() & ~VOSRDY;
    }

    private void crWritten(int old, int now, int raw) {
        int v = now & ~0xC; // CWUF/CSBF are write-only clear bits
        if ((raw & 0x4) != 0) csr.set(csr.get() & ~1);
        if ((raw & 0x8) != 0) csr.set(csr.get() & ~2);
        if ((v & ODSWEN) != 0 && (old & ODSWEN) == 0 && (csr.get() & ODRDY) == 0) {
            log.guestError("PWR", "odswen-early", "ODSWEN set before ODRDY (RM0090 §5.4.1); ignored");
            v &= ~ODSWEN;
        }
        if ((v & ODEN) == 0) v &= ~ODSWEN;
        cr.set(v);
        if ((old & ODEN) == 0 && (v & ODEN) != 0) {
            if (!pllReady.getAsBoolean())
                log.guestError("PWR", "oden-no-pll", "ODEN set with the PLL off (RM0090 §5.1.4 enables over-drive after PLL lock); ODRDY follows anyway");
            odEvent = scheduler.scheduleIn(OD_READY, "PWR ODRDY", () -> csr.set(csr.get() | ODRDY));
        }
        if ((v & ODEN) == 0) {
            cancel(odEvent);
            csr.set(csr.get() & ~(ODRDY | ODSWRDY));
        }
        if ((old & ODSWEN) == 0 && (v & ODSWEN) != 0)
            odswEvent = scheduler.scheduleIn(OD_SWITCH, "PWR ODSWRDY", () -> csr.set(csr.get() | ODSWRDY));
        if ((v & ODSWEN) == 0) {
            cancel(odswEvent);
            csr.set(csr.get() & ~ODSWRDY);
        }
        if (((old ^ v) & 0xC000) != 0 && pllReady.getAsBoolean())
            log.guestError("PWR", "vos-pll-on", "VOS changed while the PLL is on (RM0090 §5.4.1: takes effect at next PLL enable)");
    }

    private static void cancel(Scheduler.Event e) { if (e != null) e.cancel(); }

    /** Regulator voltage scale programmed in VOS (1 = scale 3 ... 3 = scale 1). */
    public int vos() { return (cr.get() >>> 14) & 3; }

    /** Whether over-drive switching is complete (SYSCLK may exceed 168 MHz). */
    public boolean overDriveActive() { return (csr.get() & ODSWRDY) != 0; }

    public void reset() {
        cancel(odEvent);
        cancel(odswEvent);
        bank.reset();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }
}
