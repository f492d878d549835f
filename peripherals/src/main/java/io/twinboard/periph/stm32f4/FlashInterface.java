package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

import java.util.function.IntConsumer;

/**
 * Embedded flash interface registers (RM0090 §3.9), base {@link Stm32f429Map#FLASH_R}
 * 0x40023C00, IRQ {@link Stm32f429Map#IRQ_FLASH} 4 (not raised: programming is not modelled).
 *
 * <p>FLASH_ACR (§3.9.1): LATENCY (wait states, 4 bits), PRFTEN, ICEN, DCEN, ICRST, DCRST.
 * Every ACR write is passed to the {@code acrListener} so the core's flash-timing model (ART
 * accelerator, §3.4) follows it. ICRST/DCRST are honoured only while the cache is disabled
 * (§3.9.1: "written only when the I/D cache is disabled"); they read back as written.
 *
 * <p>FLASH_KEYR / FLASH_OPTKEYR unlock FLASH_CR / FLASH_OPTCR with the documented key
 * sequences (§3.5.1, §3.7.2); a wrong key locks the register until reset (a bus error on
 * silicon, reported here as a guest error). Erase/program operations (STRT, PG, OPTSTRT) are
 * <b>not modelled</b>: they are reported once and complete at once without changing flash.
 */
public final class FlashInterface implements MmioDevice {
    public static final int ACR = 0x00, KEYR = 0x04, OPTKEYR = 0x08, SR = 0x0C, CR = 0x10, OPTCR = 0x14, OPTCR1 = 0x18;
    public static final int KEY1 = 0x4567_0123, KEY2 = 0xCDEF_89AB;
    public static final int OPTKEY1 = 0x0819_2A3B, OPTKEY2 = 0x4C5D_6E7F;
    static final int ICEN = 1 << 9, DCEN = 1 << 10, ICRST = 1 << 11, DCRST = 1 << 12;
    static final int CR_LOCK = 1 << 31;

    private final GuestLog log;
    private final RegisterBank bank;
    private Register acr, cr, optcr; // assigned once, in the constructor
    private final IntConsumer acrListener;
    private int keyStep, optKeyStep;
    private boolean keyBroken, optKeyBroken;

    /** @param acrListener receives the whole FLASH_ACR value after each write (and the reset value now) */
    public FlashInterface(GuestLog log, IntConsumer acrListener) {
        this.log = log;
        this.acrListener = acrListener;
        bank = new RegisterBank("FLASH", (int) Stm32f429Map.WINDOW, log);
        acr = bank.reg(ACR, "FLASH_ACR").reset(0).writeMask(0x1F0F)
                .field("LATENCY", 0, 4).field("PRFTEN", 8, 1).field("ICEN", 9, 1).field("DCEN", 10, 1)
                .field("ICRST", 11, 1).field("DCRST", 12, 1)
                .onWrite((o, n, w) -> acrWritten(o, n));
        bank.reg(KEYR, "FLASH_KEYR").reset(0).readOnly().onRead(() -> 0).onWrite((o, n, w) -> key(w));
        bank.reg(OPTKEYR, "FLASH_OPTKEYR").reset(0).readOnly().onRead(() -> 0).onWrite((o, n, w) -> optKey(w));
        bank.reg(SR, "FLASH_SR").reset(0).readOnly().w1c(0x1F3)
                .field("EOP", 0, 1).field("OPERR", 1, 1).field("WRPERR", 4, 1).field("PGAERR", 5, 1)
                .field("PGPERR", 6, 1).field("PGSERR", 7, 1).field("RDERR", 8, 1).field("BSY", 16, 1);
        cr = bank.reg(CR, "FLASH_CR").reset(CR_LOCK).writeMask(0x0301_83FF)
                .field("PG", 0, 1).field("SER", 1, 1).field("MER", 2, 1).field("SNB", 3, 5).field("PSIZE", 8, 2)
                .field("MER1", 15, 1).field("STRT", 16, 1).field("EOPIE", 24, 1).field("ERRIE", 25, 1).field("LOCK", 31, 1)
                .unmodelled(0x0001_8007, "flash erase/program operations")
                .onWrite((o, n, w) -> {
                    if ((o & CR_LOCK) != 0) { cr.set(o); log.guestError("FLASH", "cr-locked", "FLASH_CR written while locked (RM0090 §3.5.1)"); return; }
                    if ((w & CR_LOCK) != 0) cr.set(n | CR_LOCK);
                    cr.set(cr.get() & ~(1 << 16)); // STRT: operation "completes" at once
                });
        optcr = bank.reg(OPTCR, "FLASH_OPTCR").reset(0x0FFF_AAED).writeMask(0xCFFF_FFEE)
                .field("OPTLOCK", 0, 1).field("OPTSTRT", 1, 1).field("BOR_LEV", 2, 2).field("WDG_SW", 5, 1)
                .field("nRST_STOP", 6, 1).field("nRST_STDBY", 7, 1).field("RDP", 8, 8).field("nWRP", 16, 12)
                .field("DB1M", 30, 1).field("SPRMOD", 31, 1)
                .unmodelled(0x2, "option byte programming")
                .onWrite((o, n, w) -> {
                    if ((o & 1) != 0) { optcr.set(o); log.guestError("FLASH", "optcr-locked", "FLASH_OPTCR written while locked (RM0090 §3.7.2)"); return; }
                    optcr.set((n & ~0x2) | (w & 1));
                });
        bank.reg(OPTCR1, "FLASH_OPTCR1").reset(0x0FFF_0000).writeMask(0x0FFF_0000).field("nWRP", 16, 12);
        acrListener.accept(acr.get());
    }

    /** Current FLASH_ACR value. */
    public int acr() { return acr.get(); }

    /** Wait states programmed in ACR.LATENCY (CPU cycles added to a flash access that misses the ART). */
    public int latency() { return acr.get() & 0xF; }

    public void reset() {
        bank.reset();
        keyStep = optKeyStep = 0;
        keyBroken = optKeyBroken = false;
        acrListener.accept(acr.get());
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    private void acrWritten(int old, int now) {
        if ((now & ICRST) != 0 && (now & ICEN) != 0 && (old & ICRST) == 0)
            log.guestError("FLASH", "icrst", "ACR.ICRST set while the instruction cache is enabled (RM0090 §3.9.1)");
        if ((now & DCRST) != 0 && (now & DCEN) != 0 && (old & DCRST) == 0)
            log.guestError("FLASH", "dcrst", "ACR.DCRST set while the data cache is enabled (RM0090 §3.9.1)");
        acrListener.accept(now);
    }

    private void key(int w) {
        if (keyBroken || (cr.get() & CR_LOCK) == 0) {
            if ((cr.get() & CR_LOCK) == 0) log.guestError("FLASH", "key-unlocked", "FLASH_KEYR written while FLASH_CR is unlocked");
            return;
        }
        if (keyStep == 0 && w == KEY1) { keyStep = 1; return; }
        if (keyStep == 1 && w == KEY2) { keyStep = 0; cr.set(cr.get() & ~CR_LOCK); return; }
        keyBroken = true;
        log.guestError("FLASH", "bad-key", String.format("wrong FLASH_KEYR sequence value 0x%08x: FLASH_CR locked until reset (RM0090 §3.5.1)", w));
    }

    private void optKey(int w) {
        if (optKeyBroken || (optcr.get() & 1) == 0) return;
        if (optKeyStep == 0 && w == OPTKEY1) { optKeyStep = 1; return; }
        if (optKeyStep == 1 && w == OPTKEY2) { optKeyStep = 0; optcr.set(optcr.get() & ~1); return; }
        optKeyBroken = true;
        log.guestError("FLASH", "bad-optkey", String.format("wrong FLASH_OPTKEYR sequence value 0x%08x: FLASH_OPTCR locked until reset (RM0090 §3.7.2)", w));
    }
}
