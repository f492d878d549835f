package io.twinboard.periph.stm32f4;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.emu.time.VirtualTime;

import java.util.HashMap;
import java.util.Map;

/**
 * Reset and clock control (RM0090 §6, registers §6.3), base {@link Stm32f429Map#RCC}
 * 0x40023800, IRQ {@link Stm32f429Map#IRQ_RCC} 5 (ready interrupts of CIR).
 *
 * <p>Oscillators: HSI 16 MHz is on and ready at reset; HSE runs at the board-given frequency
 * and is ready {@link #HSE_BYPASS_STARTUP} (bypass) or {@link #HSE_CRYSTAL_STARTUP} (crystal,
 * DS9405 t<sub>SU(HSE)</sub> typ. 2 ms) after HSEON; the main PLL is ready {@link #PLL_LOCK}
 * (DS9405 t<sub>LOCK</sub> typ. 100 µs) after PLLON, provided its source is ready (otherwise
 * it locks that long after the source becomes ready). LSI/LSE ready flags follow their enables
 * after their start-up times; PLLI2S and PLLSAI lock like the main PLL but drive no clock here.
 *
 * <p>Clocks (§6.2): SYSCLK from HSI/HSE/PLL (SW, §6.3.3; SWS follows as soon as the selected
 * source is ready, else when it becomes ready); HCLK = SYSCLK / HPRE sets the core clock domain
 * passed in (the Cortex-M4 runs on HCLK); PCLK1/PCLK2 = HCLK / PPRE1/PPRE2 set {@link #apb1()}
 * / {@link #apb2()}; timer clocks are PCLK when its prescaler is 1, else 2 × PCLK (TIMPRE = 0)
 * or HCLK / 4 × PCLK (TIMPRE = 1, §6.3.27). PLL48CLK = VCO / PLLQ sets {@link #pll48()} (it is
 * computed from PLLCFGR even while the PLL is off, so the RNG model always has a clock).
 *
 * <p>Invalid PLL settings (§6.3.2 ranges: 2 ≤ PLLM ≤ 63, 50 ≤ PLLN ≤ 432, 2 ≤ PLLQ ≤ 15, VCO
 * input 0.95–2.1 MHz, VCO output 100–432 MHz) are reported once as guest
 * errors; silicon behaviour is undefined there, so the model still locks and produces
 * {@code source / max(PLLM,1) × max(PLLN,1) / PLLP}. SYSCLK above 180 MHz is reported too.
 * PLLCFGR writes while the PLL runs are reported and take effect at the next PLLON.
 *
 * <p>ENR registers are recorded ({@link #isClockEnabled}); RSTR bits call the reset hooks the
 * board registers with {@link #onPeripheralReset} on their 0→1 edge. Clock security system,
 * MCO outputs, spread spectrum and the RTC domain beyond LSE/LSI ready flags are not modelled
 * (declared on their registers).
 */
public final class Rcc implements MmioDevice {
    public static final long HSI_HZ = 16_000_000L;
    public static final long LSI_HZ = 32_000L;
    public static final long HSI_STARTUP = VirtualTime.ofMicros(2);
    public static final long HSE_BYPASS_STARTUP = VirtualTime.ofMicros(1);
    public static final long HSE_CRYSTAL_STARTUP = VirtualTime.ofMillis(2);
    public static final long PLL_LOCK = VirtualTime.ofMicros(100);
    public static final long LSI_STARTUP = VirtualTime.ofMicros(40);
    public static final long LSE_STARTUP = VirtualTime.ofMillis(2);

    // Register offsets (§6.3.28 register map).
    public static final int CR = 0x00, PLLCFGR = 0x04, CFGR = 0x08, CIR = 0x0C;
    public static final int AHB1RSTR = 0x10, AHB2RSTR = 0x14, AHB3RSTR = 0x18, APB1RSTR = 0x20, APB2RSTR = 0x24;
    public static final int AHB1ENR = 0x30, AHB2ENR = 0x34, AHB3ENR = 0x38, APB1ENR = 0x40, APB2ENR = 0x44;
    public static final int BDCR = 0x70, CSR = 0x74, DCKCFGR = 0x8C;

    // CR bits
    static final int HSION = 1, HSIRDY = 1 << 1, HSEON = 1 << 16, HSERDY = 1 << 17, HSEBYP = 1 << 18,
            CSSON = 1 << 19, PLLON = 1 << 24, PLLRDY = 1 << 25, PLLI2SON = 1 << 26, PLLI2SRDY = 1 << 27,
            PLLSAION = 1 << 28, PLLSAIRDY = 1 << 29;
    // SW / SWS values
    static final int SRC_HSI = 0, SRC_HSE = 1, SRC_PLL = 2;

    private final Scheduler scheduler;
    private final GuestLog log;
    private final IrqLine irq;
    private final long hseHz;
    private final ClockDomain core;
    private final ClockDomain apb1, apb2, apb1Timer, apb2Timer, pll48;
    private final RegisterBank bank;
    private Register cr, pllcfgr, cfgr, cir, bdcr, csr, dckcfgr; // assigned once, in the constructor
    private final Map<Integer, Runnable> resetHooks = new HashMap<>();
    private Scheduler.Event hseEvent, pllEvent, pllI2sEvent, pllSaiEvent, hsiEvent, lsiEvent, lseEvent;
    private long pllHz;
    private long sysclkHz = HSI_HZ;
    private boolean irqLevel;

    /**
     * @param core  the core clock domain (HCLK); its frequency is set to 16 MHz now and follows
     *              the firmware's clock setup
     * @param hseHz HSE frequency in Hz (8 MHz bypass from the ST-LINK MCO on the Nucleo-144);
     *              0 when the board has none (HSERDY then never sets)
     * @param irq   the RCC global interrupt (NVIC 5)
     */
    public Rcc(Scheduler scheduler, GuestLog log, ClockDomain core, long hseHz, IrqLine irq) {
        this.scheduler = scheduler;
        this.log = log;
        this.core = core;
        this.hseHz = hseHz;
        this.irq = irq;
        apb1 = new ClockDomain("PCLK1", HSI_HZ);
        apb2 = new ClockDomain("PCLK2", HSI_HZ);
        apb1Timer = new ClockDomain("TIMCLK1", HSI_HZ);
        apb2Timer = new ClockDomain("TIMCLK2", HSI_HZ);
        pll48 = new ClockDomain("PLL48CLK", 48_000_000L);
        bank = new RegisterBank("RCC", (int) Stm32f429Map.WINDOW, log);
        cr = bank.reg(CR, "RCC_CR").reset(0x0000_0083)
                .writeMask(HSION | 0xF8 | HSEON | HSEBYP | CSSON | PLLON | PLLI2SON | PLLSAION)
                .field("HSION", 0, 1).field("HSIRDY", 1, 1).field("HSITRIM", 3, 5).field("HSICAL", 8, 8)
                .field("HSEON", 16, 1).field("HSERDY", 17, 1).field("HSEBYP", 18, 1).field("CSSON", 19, 1)
                .field("PLLON", 24, 1).field("PLLRDY", 25, 1).field("PLLI2SON", 26, 1).field("PLLI2SRDY", 27, 1)
                .field("PLLSAION", 28, 1).field("PLLSAIRDY", 29, 1)
                .unmodelled(CSSON, "clock security system")
                .onWrite(this::crWritten);
        pllcfgr = bank.reg(PLLCFGR, "RCC_PLLCFGR").reset(0x2400_3010).writeMask(0x0F43_7FFF)
                .field("PLLM", 0, 6).field("PLLN", 6, 9).field("PLLP", 16, 2).field("PLLSRC", 22, 1).field("PLLQ", 24, 4)
                .onWrite((o, n, w) -> {
                    if ((cr.get() & PLLON) != 0 && o != n)
                        log.guestError("RCC", "pllcfgr-while-on", "PLLCFGR written while the PLL is on (RM0090 §6.3.2: only when disabled); applies at next PLLON");
                    updateClocks();
                });
        cfgr = bank.reg(CFGR, "RCC_CFGR").reset(0).writeMask(~0xC)
                .field("SW", 0, 2).field("SWS", 2, 2).field("HPRE", 4, 4).field("PPRE1", 10, 3).field("PPRE2", 13, 3)
                .field("RTCPRE", 16, 5).field("MCO1", 21, 2).field("I2SSRC", 23, 1).field("MCO1PRE", 24, 3)
                .field("MCO2PRE", 27, 3).field("MCO2", 30, 2)
                .unmodelled(0xFF60_0000, "MCO1/MCO2 clock outputs")
                .onWrite((o, n, w) -> cfgrWritten(n));
        cir = bank.reg(CIR, "RCC_CIR").reset(0).writeMask(0x7F00)
                .field("LSIRDYF", 0, 1).field("LSERDYF", 1, 1).field("HSIRDYF", 2, 1).field("HSERDYF", 3, 1)
                .field("PLLRDYF", 4, 1).field("PLLI2SRDYF", 5, 1).field("PLLSAIRDYF", 6, 1).field("CSSF", 7, 1)
                .field("RDYIE", 8, 7).field("RDYC", 16, 8)
                .onWrite((o, n, w) -> {
                    // Bits 16..23 are write-only clears of flags 0..7 (CSSC clears CSSF).
                    cir.set(n & ~((w >>> 16) & 0xFF));
                    updateIrq();
                });
        bank.reg(AHB1RSTR, "RCC_AHB1RSTR").reset(0).writeMask(0x22E0_17FF).onWrite(rstrHook(AHB1RSTR));
        bank.reg(AHB2RSTR, "RCC_AHB2RSTR").reset(0).writeMask(0xF1).onWrite(rstrHook(AHB2RSTR));
        bank.reg(AHB3RSTR, "RCC_AHB3RSTR").reset(0).writeMask(0x1).onWrite(rstrHook(AHB3RSTR));
        bank.reg(APB1RSTR, "RCC_APB1RSTR").reset(0).writeMask(0xF6FE_C9FF).onWrite(rstrHook(APB1RSTR));
        bank.reg(APB2RSTR, "RCC_APB2RSTR").reset(0).writeMask(0x0477_7933).onWrite(rstrHook(APB2RSTR));
        bank.reg(AHB1ENR, "RCC_AHB1ENR").reset(0x0010_0000).writeMask(0x7EF4_17FF);
        bank.reg(AHB2ENR, "RCC_AHB2ENR").reset(0).writeMask(0xF1);
        bank.reg(AHB3ENR, "RCC_AHB3ENR").reset(0).writeMask(0x1);
        bank.reg(APB1ENR, "RCC_APB1ENR").reset(0).writeMask(0xF6FE_C9FF);
        bank.reg(APB2ENR, "RCC_APB2ENR").reset(0).writeMask(0x0477_7F33);
        bank.reg(0x50, "RCC_AHB1LPENR").reset(0x7EEF_97FF).writeMask(0x7EEF_97FF);
        bank.reg(0x54, "RCC_AHB2LPENR").reset(0xF1).writeMask(0xF1);
        bank.reg(0x58, "RCC_AHB3LPENR").reset(0x1).writeMask(0x1);
        bank.reg(0x60, "RCC_APB1LPENR").reset(0xF6FE_C9FF).writeMask(0xF6FE_C9FF);
        bank.reg(0x64, "RCC_APB2LPENR").reset(0x0477_7F33).writeMask(0x0477_7F33);
        bdcr = bank.reg(BDCR, "RCC_BDCR").reset(0).writeMask(0x0001_8305)
                .field("LSEON", 0, 1).field("LSERDY", 1, 1).field("LSEBYP", 2, 1).field("RTCSEL", 8, 2)
                .field("RTCEN", 15, 1).field("BDRST", 16, 1)
                .unmodelled(0x8000, "RTC").onWrite((o, n, w) -> lowSpeedWritten(bdcr, o, n));
        csr = bank.reg(CSR, "RCC_CSR").reset(0x0E00_0000).writeMask(0x1)
                .field("LSION", 0, 1).field("LSIRDY", 1, 1).field("RMVF", 24, 1).field("BORRSTF", 25, 1)
                .field("PINRSTF", 26, 1).field("PORRSTF", 27, 1).field("SFTRSTF", 28, 1).field("IWDGRSTF", 29, 1)
                .field("WWDGRSTF", 30, 1).field("LPWRRSTF", 31, 1)
                .onWrite((o, n, w) -> {
                    if ((w & (1 << 24)) != 0) csr.set(csr.get() & 0x00FF_FFFF); // RMVF clears reset flags
                    lowSpeedWritten(csr, o, n);
                });
        bank.reg(0x80, "RCC_SSCGR").reset(0).writeMask(0xCFFF_FFFF).unmodelled(0x8000_0000, "spread spectrum");
        bank.reg(0x84, "RCC_PLLI2SCFGR").reset(0x2000_3000).writeMask(0x7F00_7FC0);
        bank.reg(0x88, "RCC_PLLSAICFGR").reset(0x2400_3000).writeMask(0x7F00_7FC0);
        dckcfgr = bank.reg(DCKCFGR, "RCC_DCKCFGR").reset(0).writeMask(0x01F3_1F1F)
                .field("PLLI2SDIVQ", 0, 5).field("PLLSAIDIVQ", 8, 5).field("PLLSAIDIVR", 16, 2)
                .field("SAI1ASRC", 20, 2).field("SAI1BSRC", 22, 2).field("TIMPRE", 24, 1)
                .onWrite((o, n, w) -> updateClocks());
        updateClocks();
    }

    // ---- public API -----------------------------------------------------------------------

    /** PCLK1 (APB1, max 45 MHz): USART2/3, SPI2/3, PWR. */
    public ClockDomain apb1() { return apb1; }
    /** PCLK2 (APB2, max 90 MHz): USART1/6, SPI1/4/5/6, SYSCFG. */
    public ClockDomain apb2() { return apb2; }
    /** Timer clock of APB1 timers (TIM2-7, 12-14). */
    public ClockDomain apb1Timer() { return apb1Timer; }
    /** Timer clock of APB2 timers (TIM1, 8-11). */
    public ClockDomain apb2Timer() { return apb2Timer; }
    /** PLL48CLK (USB OTG FS, SDIO, RNG). */
    public ClockDomain pll48() { return pll48; }
    /** HCLK (the core clock domain passed in). */
    public ClockDomain hclk() { return core; }

    /** SYSCLK frequency in Hz. */
    public long sysclkHz() { return sysclkHz; }

    public boolean pllReady() { return (cr.get() & PLLRDY) != 0; }

    /** Whether the enable bit {@code bit} of the ENR register at {@code enrOffset} is set. */
    public boolean isClockEnabled(int enrOffset, int bit) { return (bank.read(enrOffset, 4) >>> bit & 1) != 0; }

    /**
     * Wraps {@code device} so that, while its clock-enable bit is clear, it behaves as an
     * unclocked peripheral on silicon: reads return 0 and writes are dropped; the first such
     * access is reported as a guest error (the classic "forgot __HAL_RCC_xxx_CLK_ENABLE" bug).
     * Costs one bit test per access. {@code enable} comes from {@link Stm32f429Map#ENABLES}.
     */
    public MmioDevice gate(String peripheral, Stm32f429Map.Enable enable, MmioDevice device) {
        Register enr = bank.registers().stream().filter(r -> r.offset() == enable.enrOffset()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RCC register at 0x" + Integer.toHexString(enable.enrOffset())));
        int mask = 1 << enable.bit();
        String message = peripheral + " accessed with its clock disabled (" + enr.name() + " bit " + enable.bit()
                + " clear): reads 0, writes ignored (RM0090 §6.3)";
        return new MmioDevice() {
            @Override public int read(int offset, int size) {
                if ((enr.get() & mask) != 0) return device.read(offset, size);
                log.guestError(peripheral, "clock-off", message);
                return 0;
            }

            @Override public void write(int offset, int size, int value) {
                if ((enr.get() & mask) != 0) device.write(offset, size, value);
                else log.guestError(peripheral, "clock-off", message);
            }

            /** The device's answer while clocked (an ENR write is another access, which ends it). */
            @Override public boolean repeatableRead(int offset, int size) {
                return (enr.get() & mask) != 0 && device.repeatableRead(offset, size);
            }
        };
    }

    /** Calls {@code hook} when the firmware sets bit {@code bit} of the RSTR at {@code rstrOffset}. */
    public void onPeripheralReset(int rstrOffset, int bit, Runnable hook) { resetHooks.put(rstrOffset << 5 | bit, hook); }

    /** System reset: registers to reset values, pending start-ups dropped, clocks back to HSI. */
    public void reset() {
        for (Scheduler.Event e : new Scheduler.Event[] {hseEvent, pllEvent, pllI2sEvent, pllSaiEvent, hsiEvent, lsiEvent, lseEvent})
            if (e != null) e.cancel();
        int flags = csr.get() & 0xFF00_0000;
        bank.reset();
        csr.set(csr.get() | flags | 1 << 28 | 1 << 26); // flags survive; SFTRSTF and PINRSTF (NRST is driven low)
        updateClocks();
        updateIrq();
    }

    @Override public int read(int offset, int size) { return bank.read(offset, size); }

    @Override public void write(int offset, int size, int value) { bank.write(offset, size, value); }

    // ---- oscillators ----------------------------------------------------------------------

    private void crWritten(int old, int now, int raw) {
        int v = now;
        int sws = swsNow();
        boolean pllIsSys = sws == SRC_PLL;
        int pllSrc = pllcfgr.field("PLLSRC").get(pllcfgr.get()) == 1 ? SRC_HSE : SRC_HSI;
        // Hardware keeps a clock on while it feeds SYSCLK (§6.3.1 HSION/HSEON/PLLON notes).
        if (sws == SRC_HSI || (pllIsSys && pllSrc == SRC_HSI)) v |= HSION;
        if (sws == SRC_HSE || (pllIsSys && pllSrc == SRC_HSE)) v |= HSEON;
        if (pllIsSys) v |= PLLON;
        if ((old & HSEON) != 0 && (v & HSEBYP) != (old & HSEBYP)) {
            log.guestError("RCC", "hsebyp-while-on", "HSEBYP changed while HSEON=1 (RM0090 §6.3.1: only with HSE off); ignored");
            v = (v & ~HSEBYP) | (old & HSEBYP);
        }
        cr.set(v);
        hsiEvent = oscillator(old, v, HSION, HSIRDY, HSI_STARTUP, hsiEvent, 2);
        if (hseHz > 0)
            hseEvent = oscillator(old, v, HSEON, HSERDY, (v & HSEBYP) != 0 ? HSE_BYPASS_STARTUP : HSE_CRYSTAL_STARTUP, hseEvent, 3);
        else if ((v & HSEON) != 0)
            log.guestError("RCC", "no-hse", "HSEON set but this board has no HSE clock: HSERDY never sets");
        if (((old ^ v) & PLLON) != 0) startPll();
        pllI2sEvent = oscillator(old, v, PLLI2SON, PLLI2SRDY, PLL_LOCK, pllI2sEvent, 5);
        pllSaiEvent = oscillator(old, v, PLLSAION, PLLSAIRDY, PLL_LOCK, pllSaiEvent, 6);
        updateClocks();
    }

    /** Starts or stops an oscillator whose ready bit follows its enable after {@code delay} ps. */
    private Scheduler.Event oscillator(int old, int now, int on, int rdy, long delay, Scheduler.Event pending, int cirFlag) {
        if (((old ^ now) & on) == 0) return pending;
        if (pending != null) pending.cancel();
        if ((now & on) == 0) {
            cr.set(cr.get() & ~rdy);
            return null;
        }
        return scheduler.scheduleIn(delay, "RCC ready " + Integer.toHexString(rdy), () -> {
            cr.set(cr.get() | rdy);
            readyFlag(cirFlag);
            sourceReady();
        });
    }

    /** LSEON (BDCR) or LSION (CSR): bit 0 enables, bit 1 is the ready flag. */
    private void lowSpeedWritten(Register r, int old, int now) {
        int on = 1, rdy = 2;
        if (((old ^ now) & on) == 0) return;
        boolean lse = r == bdcr;
        Scheduler.Event pending = lse ? lseEvent : lsiEvent;
        if (pending != null) pending.cancel();
        Scheduler.Event e = null;
        if ((now & on) == 0) r.set(r.get() & ~rdy);
        else e = scheduler.scheduleIn(lse ? ((now & 4) != 0 ? HSE_BYPASS_STARTUP : LSE_STARTUP) : LSI_STARTUP,
                lse ? "RCC LSERDY" : "RCC LSIRDY", () -> { r.set(r.get() | rdy); readyFlag(lse ? 1 : 0); });
        if (lse) lseEvent = e; else lsiEvent = e;
    }

    private void startPll() {
        if (pllEvent != null) pllEvent.cancel();
        pllEvent = null;
        int v = cr.get();
        if ((v & PLLON) == 0) {
            cr.set(v & ~PLLRDY);
            return;
        }
        int src = pllcfgr.field("PLLSRC").get(pllcfgr.get()) == 1 ? HSERDY : HSIRDY;
        if ((v & src) == 0) return; // locks once its source is ready (sourceReady)
        pllEvent = scheduler.scheduleIn(PLL_LOCK, "RCC PLLRDY", () -> {
            pllHz = computePll(true);
            cr.set(cr.get() | PLLRDY);
            readyFlag(4);
            sourceReady();
        });
    }

    /** A source became ready: a pending PLL may now start locking, a pending SW may complete. */
    private void sourceReady() {
        int v = cr.get();
        if ((v & PLLON) != 0 && (v & PLLRDY) == 0 && (pllEvent == null || !pllEvent.isPending())) startPll();
        updateClocks();
    }

    /** §6.3.4: a ready flag is set only while its RDYIE bit is set. */
    private void readyFlag(int n) {
        if ((cir.get() >>> (8 + n) & 1) == 0) return;
        cir.set(cir.get() | 1 << n);
        updateIrq();
    }

    private void updateIrq() {
        boolean level = (cir.get() & 0xFF) != 0;
        if (level != irqLevel) { irqLevel = level; irq.set(level); }
    }

    // ---- clock tree -----------------------------------------------------------------------

    private void cfgrWritten(int now) {
        if ((now & 3) == 3) {
            log.guestError("RCC", "sw-3", "CFGR.SW = 11 is not allowed (RM0090 §6.3.3); SYSCLK unchanged");
            cfgr.set((now & ~3) | swsNow());
        }
        updateClocks();
    }

    private int swsNow() { return (cfgr.get() >>> 2) & 3; }

    private boolean sourceIsReady(int src) {
        int v = cr.get();
        return switch (src) {
            case SRC_HSI -> (v & HSIRDY) != 0;
            case SRC_HSE -> (v & HSERDY) != 0;
            case SRC_PLL -> (v & PLLRDY) != 0;
            default -> false;
        };
    }

    /** VCO-derived output in Hz: PLLCLK when {@code main}, else PLL48CLK; reports bad settings once. */
    private long computePll(boolean main) {
        int p = pllcfgr.get();
        int m = p & 0x3F, n = (p >>> 6) & 0x1FF, pp = 2 * (((p >>> 16) & 3) + 1), q = (p >>> 24) & 0xF;
        long in = ((p >>> 22) & 1) != 0 ? hseHz : HSI_HZ;
        long vcoIn = in / Math.max(m, 1);
        long vco = vcoIn * Math.max(n, 1);
        if (main) {
            if (m < 2 || n < 50 || n > 432 || q < 2)
                log.guestError("RCC", "pll-range", String.format("PLLCFGR out of range: PLLM=%d PLLN=%d PLLQ=%d (RM0090 §6.3.2); locking anyway", m, n, q));
            if (vcoIn < 950_000 || vcoIn > 2_100_000)
                log.guestError("RCC", "vco-in", "PLL VCO input " + vcoIn + " Hz outside 0.95-2.1 MHz (RM0090 §6.3.2); locking anyway");
            if (vco < 100_000_000L || vco > 432_000_000L)
                log.guestError("RCC", "vco-out", "PLL VCO output " + vco + " Hz outside 100-432 MHz (RM0090 §6.3.2); locking anyway");
            return Math.max(1, vco / pp);
        }
        return Math.max(1, vco / Math.max(q, 1));
    }

    private void updateClocks() {
        int sw = cfgr.get() & 3;
        if (sw != swsNow() && sourceIsReady(sw)) cfgr.set((cfgr.get() & ~0xC) | sw << 2);
        int sws = swsNow();
        long sys = switch (sws) {
            case SRC_HSE -> hseHz;
            case SRC_PLL -> pllHz;
            default -> HSI_HZ;
        };
        sysclkHz = sys;
        if (sys > 180_000_000L)
            log.guestError("RCC", "sysclk-max", "SYSCLK " + sys + " Hz above the F429 maximum of 180 MHz");
        int c = cfgr.get();
        int hpre = (c >>> 4) & 0xF;
        long hclk = sys >> (hpre < 8 ? 0 : hpre < 12 ? hpre - 7 : hpre - 6);
        int ppre1 = (c >>> 10) & 7, ppre2 = (c >>> 13) & 7;
        long pclk1 = hclk >> apbShift(ppre1), pclk2 = hclk >> apbShift(ppre2);
        long t = scheduler.now();
        core.setFrequency(hclk, t);
        apb1.setFrequency(pclk1, t);
        apb2.setFrequency(pclk2, t);
        boolean timpre = (dckcfgr.get() >>> 24 & 1) != 0;
        apb1Timer.setFrequency(timerClock(hclk, pclk1, ppre1, timpre), t);
        apb2Timer.setFrequency(timerClock(hclk, pclk2, ppre2, timpre), t);
        pll48.setFrequency(computePll(false), t);
    }

    private static int apbShift(int ppre) { return ppre < 4 ? 0 : ppre - 3; }

    /** §6.2 and DCKCFGR.TIMPRE (§6.3.27). */
    private static long timerClock(long hclk, long pclk, int ppre, boolean timpre) {
        int div = 1 << apbShift(ppre);
        if (!timpre) return div == 1 ? pclk : 2 * pclk;
        return div <= 4 ? hclk : 4 * pclk;
    }

    private Register.WriteHook rstrHook(int offset) {
        return (o, n, w) -> {
            int rising = n & ~o;
            while (rising != 0) {
                int bit = Integer.numberOfTrailingZeros(rising);
                rising &= rising - 1;
                Runnable hook = resetHooks.get(offset << 5 | bit);
                if (hook != null) hook.run();
            }
        };
    }
}
