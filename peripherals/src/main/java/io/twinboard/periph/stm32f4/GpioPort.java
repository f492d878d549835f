package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.periph.signal.Wire;

/**
 * One GPIO port, A to K (RM0090 §8, registers §8.4), base {@link Stm32f429Map#gpio(int)}
 * = 0x40020000 + 0x400 × port; no IRQ (pin edges reach the NVIC through {@link Exti}).
 *
 * <p>Registers: MODER, OTYPER, OSPEEDR, PUPDR, IDR (read-only), ODR, BSRR (write-only, reads 0;
 * a set bit wins over its reset bit, §8.4.7), LCKR (lock key sequence of §8.4.8: after
 * {@code 1+key, 0+key, 1+key} the key's pins keep their MODER/OTYPER/OSPEEDR/PUPDR/AFR
 * configuration until reset), AFRL/AFRH. Reset values differ for port A (debug pins PA13-15)
 * and port B (PB3/PB4), §8.4.
 *
 * <p>Pins: each pin is a {@link Wire} ({@link #pin(int)}) the board connects to other parts.
 * In output mode the port drives it from ODR (push-pull drives both levels; open-drain drives
 * low and releases high). A released pin (input, alternate function, analog, open-drain high)
 * is pulled to the level of a board resistor ({@link #connectBoardPull}) or else of PUPDR,
 * unless the board declared an external driver ({@link #connectExternalDriver}); then the wire
 * keeps the level its driver gives. With no pull and no driver the pin floats and keeps its
 * last level (wires start low). IDR samples
 * the wire level of every pin (the pin itself in every mode, as on silicon), except analog pins,
 * which read 0. Alternate-function signals are not routed through the wires: peripherals such
 * as SPI talk to their devices directly, so AF pins are released here.
 */
public final class GpioPort implements MmioDevice {
    public static final int MODER = 0x00, OTYPER = 0x04, OSPEEDR = 0x08, PUPDR = 0x0C, IDR = 0x10,
            ODR = 0x14, BSRR = 0x18, LCKR = 0x1C, AFRL = 0x20, AFRH = 0x24;
    static final int LCKK = 1 << 16;

    private final int index;
    private final String name;
    private final RegisterBank bank;
    private Register moder, otyper, ospeedr, pupdr, odr, lckr; // assigned once, in the constructor
    private final Wire[] pins = new Wire[16];
    private int levels;
    private int external;
    private int boardPullUp, boardPullDown;
    private int analog;
    private int lockedPins;
    private int lockStep;

    /** @param index port number: 0 = GPIOA ... 10 = GPIOK */
    public GpioPort(int index, GuestLog log) {
        this.index = index;
        char letter = (char) ('A' + index);
        this.name = "GPIO" + letter;
        bank = new RegisterBank(name, (int) Stm32f429Map.WINDOW, log);
        int moderReset = index == 0 ? 0xA800_0000 : index == 1 ? 0x0000_0280 : 0;
        int speedReset = index == 0 ? 0x0C00_0000 : index == 1 ? 0x0000_00C0 : 0;
        int pullReset = index == 0 ? 0x6400_0000 : index == 1 ? 0x0000_0100 : 0;
        moder = bank.reg(MODER, name + "_MODER").reset(moderReset).onWrite((o, n, w) -> configWritten(moder, o, n, 2));
        otyper = bank.reg(OTYPER, name + "_OTYPER").reset(0).writeMask(0xFFFF).onWrite((o, n, w) -> configWritten(otyper, o, n, 1));
        ospeedr = bank.reg(OSPEEDR, name + "_OSPEEDR").reset(speedReset).onWrite((o, n, w) -> configWritten(ospeedr, o, n, 2));
        pupdr = bank.reg(PUPDR, name + "_PUPDR").reset(pullReset).onWrite((o, n, w) -> configWritten(pupdr, o, n, 2));
        bank.reg(IDR, name + "_IDR").readOnly().onRead(() -> levels & ~analog).repeatableRead();   // pins move at events
        odr = bank.reg(ODR, name + "_ODR").reset(0).writeMask(0xFFFF).onWrite((o, n, w) -> drivePins(o ^ n));
        bank.reg(BSRR, name + "_BSRR").readOnly().field("BS", 0, 16).field("BR", 16, 16).onWrite((o, n, w) -> {
            int old = odr.get();
            odr.set((old & ~(w >>> 16)) | (w & 0xFFFF));
            drivePins(old ^ odr.get());
        });
        lckr = bank.reg(LCKR, name + "_LCKR").reset(0).writeMask(0x1FFFF).field("LCK", 0, 16).field("LCKK", 16, 1)
                .onWrite((o, n, w) -> lockWritten(o, w));
        Register afrl = bank.reg(AFRL, name + "_AFRL").reset(0);
        afrl.onWrite((o, n, w) -> configWritten(afrl, o, n, 4));
        Register afrh = bank.reg(AFRH, name + "_AFRH").reset(0);
        afrh.onWrite((o, n, w) -> configWritten(afrh, o, n, -4));
        for (int i = 0; i < 16; i++) {
            int bit = 1 << i;
            pins[i] = new Wire("P" + letter + i, false);
            pins[i].onChange(high -> levels = high ? levels | bit : levels & ~bit);
        }
        drivePins(0xFFFF);
    }

    public String name() { return name; }

    /** Port number, 0 = A. */
    public int index() { return index; }

    /** The wire of pin {@code n} (0..15). */
    public Wire pin(int n) { return pins[n]; }

    /**
     * Declares that something outside the MCU drives pin {@code n} (e.g. the W5500's INTn): the
     * port then never applies its pull-up/down to the wire.
     */
    public void connectExternalDriver(int n) { external |= 1 << n; }

    /**
     * Declares a pull resistor on the board (e.g. the WIZ850io's pull-up on RSTn): while neither
     * the port nor an external driver drives pin {@code n}, the wire goes to {@code high}. A board
     * resistor (a few kΩ) dominates the internal ~40 kΩ pull of PUPDR. Applied at once.
     */
    public void connectBoardPull(int n, boolean high) {
        boardPullUp = high ? boardPullUp | 1 << n : boardPullUp & ~(1 << n);
        boardPullDown = high ? boardPullDown & ~(1 << n) : boardPullDown | 1 << n;
        drivePins(1 << n);
    }

    /** ODR as stored. */
    public int odr() { return odr.get(); }

    /** IDR as the firmware reads it. */
    public int idr() { return levels & ~analog; }

    /** Pins whose configuration LCKR has locked (bit per pin). */
    public int lockedPins() { return lockedPins; }

    public void reset() {
        bank.reset();
        lockedPins = 0;
        lockStep = 0;
        drivePins(0xFFFF);
    }

    /** IDR only: a LCKR read is a step of the lock sequence. */
    @Override public boolean repeatableRead(int offset, int size) { return bank.repeatableRead(offset, size); }

    @Override public int read(int offset, int size) {
        int v = bank.read(offset, size);
        if (offset == LCKR && lockStep == 3) lockStep = 0; // the sequence's read step (§8.4.8)
        return v;
    }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    /**
     * A config register write: locked pins keep their bits. {@code bitsPerPin} is 1, 2 or 4;
     * -4 means AFRH (4 bits for pins 8..15).
     */
    private void configWritten(Register r, int old, int now, int bitsPerPin) {
        int lockMask = lockedPins == 0 ? 0 : lockMaskOf(bitsPerPin);
        if (lockMask != 0) r.set((now & ~lockMask) | (old & lockMask));
        if (r == moder || r == otyper || r == pupdr) {
            int m = moder.get();
            int an = 0;
            for (int i = 0; i < 16; i++) if ((m >>> (2 * i) & 3) == 3) an |= 1 << i;
            analog = an;
            drivePins(0xFFFF);
        }
    }

    private int lockMaskOf(int bitsPerPin) {
        int mask = 0;
        for (int i = 0; i < 16; i++) {
            if ((lockedPins >>> i & 1) == 0) continue;
            switch (bitsPerPin) {
                case 1 -> mask |= 1 << i;
                case 2 -> mask |= 3 << (2 * i);
                case 4 -> { if (i < 8) mask |= 0xF << (4 * i); }
                default -> { if (i >= 8) mask |= 0xF << (4 * (i - 8)); }
            }
        }
        return mask;
    }

    /** LCKR key sequence: WR 1+key, WR 0+key, WR 1+key, RD (§8.4.8). Locked until reset. */
    private void lockWritten(int old, int w) {
        if ((old & LCKK) != 0) { lckr.set(old); return; } // locked: LCKR frozen until reset
        int key = w & 0xFFFF;
        boolean k = (w & LCKK) != 0;
        boolean sameKey = key == (old & 0xFFFF);
        if (lockStep == 1 && !k && sameKey) lockStep = 2;
        else if (lockStep == 2 && k && sameKey) {
            lockStep = 3;
            lockedPins = key;
            lckr.set(LCKK | key);
            return;
        } else lockStep = k ? 1 : 0;
        lckr.set(key); // LCKK reads 0 until the sequence completes
    }

    /** Re-evaluates what the port does to the wires of the pins in {@code changed}. */
    private void drivePins(int changed) {
        int m = moder.get(), od = otyper.get(), out = odr.get(), pull = pupdr.get();
        for (int i = 0; i < 16; i++) {
            if ((changed >>> i & 1) == 0) continue;
            boolean output = (m >>> (2 * i) & 3) == 1;
            boolean high = (out >>> i & 1) != 0;
            if (output && (!high || (od >>> i & 1) == 0)) {
                pins[i].drive(high);
            } else if ((external >>> i & 1) == 0) {
                int p = pull >>> (2 * i) & 3;
                if ((boardPullUp >>> i & 1) != 0) pins[i].drive(true);
                else if ((boardPullDown >>> i & 1) != 0) pins[i].drive(false);
                else if (p == 1) pins[i].drive(true);
                else if (p == 2) pins[i].drive(false);
                // no pull and nothing driving: the pin floats and keeps its last level
            }
        }
    }
}
