package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

import java.util.function.IntFunction;

/**
 * External interrupt/event controller (RM0090 §12.2-12.3), base {@link Stm32f429Map#EXTI}
 * 0x40013C00. 23 lines: 0-15 from GPIO pins (port chosen by {@link Syscfg#extiPort}), 16 PVD,
 * 17 RTC alarm, 18 USB OTG FS wake-up, 19 Ethernet wake-up, 20 USB OTG HS wake-up, 21 RTC
 * tamper/time stamp, 22 RTC wake-up. NVIC lines (table 62): EXTI0..4 = 6..10, EXTI9_5 = 23,
 * EXTI15_10 = 40, PVD 1, RTC_Alarm 41, OTG_FS_WKUP 42, ETH_WKUP 62, OTG_HS_WKUP 76,
 * TAMP_STAMP 2, RTC_WKUP 3.
 *
 * <p>An edge selected in RTSR/FTSR on an unmasked line (IMR) sets its PR bit (figure 41: the
 * mask gates the pending request); SWIER bits going 0→1 on unmasked lines do the same. PR is
 * write-1-to-clear and clearing it clears SWIER. The NVIC line of a group is high while any of
 * its lines has PR and IMR set. Event generation (EMR, for WFE) is not modelled.
 */
public final class Exti implements MmioDevice {
    public static final int IMR = 0x00, EMR = 0x04, RTSR = 0x08, FTSR = 0x0C, SWIER = 0x10, PR = 0x14;
    public static final int LINES = 23;
    private static final int LINE_MASK = (1 << LINES) - 1;

    /** Lines of each NVIC interrupt and its number (RM0090 table 62). */
    private static final int[][] GROUPS = {
            {1, Stm32f429Map.IRQ_EXTI0}, {1 << 1, Stm32f429Map.IRQ_EXTI1}, {1 << 2, Stm32f429Map.IRQ_EXTI2},
            {1 << 3, Stm32f429Map.IRQ_EXTI3}, {1 << 4, Stm32f429Map.IRQ_EXTI4}, {0x3E0, Stm32f429Map.IRQ_EXTI9_5},
            {0xFC00, Stm32f429Map.IRQ_EXTI15_10}, {1 << 16, Stm32f429Map.IRQ_PVD}, {1 << 17, Stm32f429Map.IRQ_RTC_ALARM},
            {1 << 18, Stm32f429Map.IRQ_OTG_FS_WKUP}, {1 << 19, Stm32f429Map.IRQ_ETH_WKUP},
            {1 << 20, Stm32f429Map.IRQ_OTG_HS_WKUP}, {1 << 21, Stm32f429Map.IRQ_TAMP_STAMP},
            {1 << 22, Stm32f429Map.IRQ_RTC_WKUP}};

    private final RegisterBank bank;
    private Register imr, rtsr, ftsr, swier, pr; // assigned once, in the constructor
    private final IrqLine[] lines = new IrqLine[GROUPS.length];
    private int irqLevels;

    /** @param nvic the NVIC's interrupt line for an IRQ number */
    public Exti(GuestLog log, IntFunction<IrqLine> nvic) {
        for (int g = 0; g < GROUPS.length; g++) lines[g] = nvic.apply(GROUPS[g][1]);
        bank = new RegisterBank("EXTI", (int) Stm32f429Map.WINDOW, log);
        imr = bank.reg(IMR, "EXTI_IMR").reset(0).writeMask(LINE_MASK).onWrite((o, n, w) -> updateIrqs());
        bank.reg(EMR, "EXTI_EMR").reset(0).writeMask(LINE_MASK).unmodelled(LINE_MASK, "event outputs (WFE wake-up)");
        rtsr = bank.reg(RTSR, "EXTI_RTSR").reset(0).writeMask(LINE_MASK);
        ftsr = bank.reg(FTSR, "EXTI_FTSR").reset(0).writeMask(LINE_MASK);
        swier = bank.reg(SWIER, "EXTI_SWIER").reset(0).writeMask(LINE_MASK).onWrite((o, n, w) -> {
            pr.set(pr.get() | (n & ~o & imr.get()));
            updateIrqs();
        });
        pr = bank.reg(PR, "EXTI_PR").reset(0).readOnly().w1c(LINE_MASK).onWrite((o, n, w) -> {
            swier.set(swier.get() & ~(w & LINE_MASK));
            updateIrqs();
        });
    }

    /**
     * Routes GPIO pin edges to lines 0-15: a level change on pin {@code n} of {@code ports[p]}
     * reaches line {@code n} while {@code syscfg.extiPort(n) == ports[p].index()}.
     */
    public void connectGpio(Syscfg syscfg, GpioPort... ports) {
        for (GpioPort port : ports) {
            for (int n = 0; n < 16; n++) {
                int line = n;
                port.pin(n).onChange(high -> {
                    if (syscfg.extiPort(line) == port.index()) edge(line, high);
                });
            }
        }
    }

    /** An edge on {@code line}: rising when {@code rising}, else falling. */
    public void edge(int line, boolean rising) {
        int bit = 1 << line;
        int trig = rising ? rtsr.get() : ftsr.get();
        if ((trig & imr.get() & bit) == 0) return;
        pr.set(pr.get() | bit);
        updateIrqs();
    }

    /** Pending register as stored. */
    public int pending() { return pr.get(); }

    public void reset() {
        bank.reset();
        updateIrqs();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    private void updateIrqs() {
        int active = pr.get() & imr.get();
        for (int g = 0; g < GROUPS.length; g++) {
            boolean level = (active & GROUPS[g][0]) != 0;
            if (level != ((irqLevels >>> g & 1) != 0)) {
                irqLevels ^= 1 << g;
                lines[g].set(level);
            }
        }
    }
}
