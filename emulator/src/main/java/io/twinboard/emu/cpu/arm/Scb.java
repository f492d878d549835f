package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;

import java.util.function.IntSupplier;

/**
 * System Control Block and the other SCS registers that are not NVIC, SysTick or CoreDebug
 * (ARMv7-M ARM B3.2.2 table B3-4; Cortex-M4 TRM §4.1 for the implementation values): CPUID,
 * ICSR, VTOR, AIRCR, SCR, CCR, SHPR1-3, SHCSR, CFSR/HFSR/DFSR/MMFAR/BFAR/AFSR, the ID registers,
 * CPACR, ICTR/ACTLR, the MPU (declared, not enforced) and the FPU context registers.
 */
final class Scb {
    static final int CPUID_CORTEX_M4_R0P1 = 0x410F_C241;
    static final int AIRCR_VECTKEY = 0x05FA;
    static final int CCR_UNALIGN_TRP = 1 << 3, CCR_DIV_0_TRP = 1 << 4, CCR_STKALIGN = 1 << 9;
    static final int SCR_SLEEPONEXIT = 1 << 1;

    /** CFSR bits by name (B3.2.15). */
    static final String[] CFSR_NAMES = new String[32];
    static {
        String[][] bits = {{"0", "IACCVIOL"}, {"1", "DACCVIOL"}, {"3", "MUNSTKERR"}, {"4", "MSTKERR"}, {"5", "MLSPERR"},
                {"7", "MMARVALID"}, {"8", "IBUSERR"}, {"9", "PRECISERR"}, {"10", "IMPRECISERR"}, {"11", "UNSTKERR"},
                {"12", "STKERR"}, {"13", "LSPERR"}, {"15", "BFARVALID"}, {"16", "UNDEFINSTR"}, {"17", "INVSTATE"},
                {"18", "INVPC"}, {"19", "NOCP"}, {"24", "UNALIGNED"}, {"25", "DIVBYZERO"}};
        for (String[] b : bits) CFSR_NAMES[Integer.parseInt(b[0])] = b[1];
    }
    static final int IACCVIOL = 1, DACCVIOL = 1 << 1, MSTKERR = 1 << 4, MMARVALID = 1 << 7, IBUSERR = 1 << 8,
            PRECISERR = 1 << 9, UNSTKERR = 1 << 11, STKERR = 1 << 12, BFARVALID = 1 << 15, UNDEFINSTR = 1 << 16,
            INVSTATE = 1 << 17, INVPC = 1 << 18, NOCP = 1 << 19, UNALIGNED = 1 << 24, DIVBYZERO = 1 << 25;
    static final int HFSR_VECTTBL = 1 << 1, HFSR_FORCED = 1 << 30;

    final Register icsr, vtor, aircr, scr, ccr, shcsr, cfsr, hfsr, mmfar, bfar, cpacr, fpccr, fpcar;
    /** FPCCR bits (ARMv7-M ARM B3.2.22). */
    static final int FPCCR_LSPACT = 1, FPCCR_USER = 1 << 1, FPCCR_THREAD = 1 << 3, FPCCR_LSPEN = 1 << 30, FPCCR_ASPEN = 1 << 31;
    private final Nvic nvic;

    /**
     * @param currentException IPSR of the core (VECTACTIVE)
     * @param resetRequest     AIRCR.SYSRESETREQ written with the key
     * @param trapsChanged     CCR.UNALIGN_TRP or DIV_0_TRP changed
     */
    Scb(RegisterBank scs, Nvic nvic, int externalIrqs, IntSupplier currentException, Runnable resetRequest,
        Runnable trapsChanged, GuestLog log) {
        this.nvic = nvic;
        scs.reg(0x004, "ICTR").readOnly().reset((externalIrqs + 31) / 32 - 1).field("INTLINESNUM", 0, 4);
        scs.reg(0x008, "ACTLR").writeMask(0x307).unmodelled(0x307, "ACTLR (DISMCYCINT, DISDEFWBUF, DISFOLD, DISFPCA, DISOOFP)");
        scs.reg(0xD00, "CPUID").readOnly().reset(CPUID_CORTEX_M4_R0P1);
        icsr = scs.reg(0xD04, "ICSR").writeMask(0).field("VECTACTIVE", 0, 9).field("RETTOBASE", 11, 1)
                .field("VECTPENDING", 12, 9).field("ISRPENDING", 22, 1).field("PENDSTSET", 26, 1).field("PENDSVSET", 28, 1)
                .field("NMIPENDSET", 31, 1)
                .onRead(() -> readIcsr(currentException.getAsInt())).onWrite((o, n, raw) -> writeIcsr(raw));
        vtor = scs.reg(0xD08, "VTOR").writeMask(0x3FFF_FF80).field("TBLOFF", 7, 23);
        aircr = scs.reg(0xD0C, "AIRCR").writeMask(0).reset(0xFA05_0000).field("VECTRESET", 0, 1).field("VECTCLRACTIVE", 1, 1)
                .field("SYSRESETREQ", 2, 1).field("PRIGROUP", 8, 3).field("VECTKEY", 16, 16)
                .onRead(() -> 0xFA05_0000 | nvic.prigroup() << 8)
                .onWrite((o, n, raw) -> {
                    if ((raw >>> 16) != AIRCR_VECTKEY) {
                        log.guestError("SCB", "AIRCR.key", String.format("AIRCR write 0x%08x without VECTKEY 0x05FA (ignored)", raw));
                        return;
                    }
                    nvic.setPrigroup(raw >>> 8);
                    if ((raw & 2) != 0) nvic.clearActive();
                    if ((raw & 5) != 0) resetRequest.run();
                });
        scr = scs.reg(0xD10, "SCR").writeMask(0x16).field("SLEEPONEXIT", 1, 1).field("SLEEPDEEP", 2, 1).field("SEVONPEND", 4, 1);
        ccr = scs.reg(0xD14, "CCR").reset(CCR_STKALIGN).writeMask(0x31B).field("NONBASETHRDENA", 0, 1)
                .field("USERSETMPEND", 1, 1).field("UNALIGN_TRP", 3, 1).field("DIV_0_TRP", 4, 1).field("BFHFNMIGN", 8, 1)
                .field("STKALIGN", 9, 1).unmodelled(0x103, "CCR.NONBASETHRDENA/USERSETMPEND/BFHFNMIGN")
                .onWrite((o, n, raw) -> { if (((o ^ n) & (CCR_UNALIGN_TRP | CCR_DIV_0_TRP)) != 0) trapsChanged.run(); });
        for (int k = 0; k < 3; k++) {
            final int first = 4 + 4 * k;
            scs.reg(0xD18 + 4 * k, "SHPR" + (k + 1)).writeMask(shprMask(first)).onWrite((o, n, raw) -> {
                for (int b = 0; b < 4; b++) nvic.setPriority(first + b, n >>> (8 * b));
            });
        }
        shcsr = scs.reg(0xD24, "SHCSR").writeMask(0x0007_FD8B)
                .field("MEMFAULTACT", 0, 1).field("BUSFAULTACT", 1, 1).field("USGFAULTACT", 3, 1).field("SVCALLACT", 7, 1)
                .field("MONITORACT", 8, 1).field("PENDSVACT", 10, 1).field("SYSTICKACT", 11, 1).field("USGFAULTPENDED", 12, 1)
                .field("MEMFAULTPENDED", 13, 1).field("BUSFAULTPENDED", 14, 1).field("SVCALLPENDED", 15, 1)
                .field("MEMFAULTENA", 16, 1).field("BUSFAULTENA", 17, 1).field("USGFAULTENA", 18, 1)
                .onRead(this::readShcsr).onWrite((o, n, raw) -> writeShcsr(n));
        cfsr = scs.reg(0xD28, "CFSR").w1c(0x030F_BFBB);
        hfsr = scs.reg(0xD2C, "HFSR").w1c(0xC000_0002).field("VECTTBL", 1, 1).field("FORCED", 30, 1).field("DEBUGEVT", 31, 1);
        scs.reg(0xD30, "DFSR").w1c(0x1F);
        mmfar = scs.reg(0xD34, "MMFAR");
        bfar = scs.reg(0xD38, "BFAR");
        scs.reg(0xD3C, "AFSR");
        int[] ids = {0x0000_0030, 0x0000_0200, 0x0010_0000, 0, 0x0010_0030, 0, 0x0100_0000, 0,
                0x0110_1110, 0x0211_1000, 0x2111_2231, 0x0111_1110, 0x0131_0132};
        String[] names = {"ID_PFR0", "ID_PFR1", "ID_DFR0", "ID_AFR0", "ID_MMFR0", "ID_MMFR1", "ID_MMFR2", "ID_MMFR3",
                "ID_ISAR0", "ID_ISAR1", "ID_ISAR2", "ID_ISAR3", "ID_ISAR4"};
        for (int i = 0; i < ids.length; i++) scs.reg(0xD40 + 4 * i, names[i]).readOnly().reset(ids[i]);
        cpacr = scs.reg(0xD88, "CPACR").writeMask(0x00F0_0000).field("CP10", 20, 2).field("CP11", 22, 2);
        scs.reg(0xD90, "MPU_TYPE").readOnly().reset(0x0000_0800).field("DREGION", 8, 8);
        scs.reg(0xD94, "MPU_CTRL").writeMask(7).unmodelled(1, "the MPU (regions are not enforced)");
        scs.reg(0xD98, "MPU_RNR").writeMask(0xFF);
        scs.reg(0xD9C, "MPU_RBAR");
        scs.reg(0xDA0, "MPU_RASR");
        for (int a = 1; a <= 3; a++) {
            scs.reg(0xD9C + 8 * a, "MPU_RBAR_A" + a);
            scs.reg(0xDA0 + 8 * a, "MPU_RASR_A" + a);
        }
        fpccr = scs.reg(0xF34, "FPCCR").reset(FPCCR_ASPEN | FPCCR_LSPEN).writeMask(0xC000_017B)
                .field("LSPACT", 0, 1).field("USER", 1, 1).field("THREAD", 3, 1).field("HFRDY", 4, 1).field("MMRDY", 5, 1)
                .field("BFRDY", 6, 1).field("MONRDY", 8, 1).field("LSPEN", 30, 1).field("ASPEN", 31, 1)
                .unmodelled(0x170, "HFRDY/MMRDY/BFRDY/MONRDY are not set by lazy stacking");
        fpcar = scs.reg(0xF38, "FPCAR").writeMask(0xFFFF_FFF8);
        scs.reg(0xF3C, "FPDSCR").writeMask(0x07C0_0000);
    }

    /** SHPR bytes of exceptions 4..15: only configurable ones (4-6, 11, 12, 14, 15) have bits. */
    private static int shprMask(int first) {
        int m = 0;
        for (int b = 0; b < 4; b++) {
            int e = first + b;
            if (e == 4 || e == 5 || e == 6 || e == 11 || e == 12 || e == 14 || e == 15) m |= Nvic.PRIORITY_MASK << (8 * b);
        }
        return m;
    }

    int vtor() { return vtor.get(); }
    boolean stackAlign() { return ccr.bit(9); }
    boolean lazyStacking() { return fpccr.bit(30); }
    boolean lazySavePending() { return fpccr.bit(0); }
    boolean divideByZeroTrap() { return ccr.bit(4); }
    boolean unalignedTrap() { return ccr.bit(3); }
    boolean sleepOnExit() { return scr.bit(1); }

    private int readIcsr(int active) {
        int pendingExc = nvic.highestPending();
        int v = active & 0x1FF;
        v |= (pendingExc & 0x1FF) << 12;
        boolean isr = false;
        for (int e = Nvic.IRQ0; e < nvic.exceptionCount() && !isr; e++) isr = nvic.isPending(e);
        if (isr) v |= 1 << 22;
        if (nvic.activeCount() <= 1) v |= 1 << 11;
        if (nvic.isPending(Nvic.SYSTICK)) v |= 1 << 26;
        if (nvic.isPending(Nvic.PENDSV)) v |= 1 << 28;
        if (nvic.isPending(Nvic.NMI)) v |= 1 << 31;
        return v;
    }

    private void writeIcsr(int raw) {
        if ((raw & (1 << 31)) != 0) nvic.setPending(Nvic.NMI, true);
        if ((raw & (1 << 28)) != 0) nvic.setPending(Nvic.PENDSV, true);
        else if ((raw & (1 << 27)) != 0) nvic.setPending(Nvic.PENDSV, false);
        if ((raw & (1 << 26)) != 0) nvic.setPending(Nvic.SYSTICK, true);
        else if ((raw & (1 << 25)) != 0) nvic.setPending(Nvic.SYSTICK, false);
    }

    private static final int[][] SHCSR_ACTIVE = {{0, Nvic.MEMMANAGE}, {1, Nvic.BUSFAULT}, {3, Nvic.USAGEFAULT},
            {7, Nvic.SVCALL}, {8, Nvic.DEBUGMONITOR}, {10, Nvic.PENDSV}, {11, Nvic.SYSTICK}};
    private static final int[][] SHCSR_PENDED = {{12, Nvic.USAGEFAULT}, {13, Nvic.MEMMANAGE}, {14, Nvic.BUSFAULT}, {15, Nvic.SVCALL}};
    private static final int[][] SHCSR_ENABLE = {{16, Nvic.MEMMANAGE}, {17, Nvic.BUSFAULT}, {18, Nvic.USAGEFAULT}};

    private int readShcsr() {
        int v = 0;
        for (int[] b : SHCSR_ACTIVE) if (nvic.isActive(b[1])) v |= 1 << b[0];
        for (int[] b : SHCSR_PENDED) if (nvic.isPending(b[1])) v |= 1 << b[0];
        for (int[] b : SHCSR_ENABLE) if (nvic.isEnabled(b[1])) v |= 1 << b[0];
        return v;
    }

    private void writeShcsr(int v) {
        for (int[] b : SHCSR_ENABLE) nvic.setEnabled(b[1], (v >>> b[0] & 1) != 0);
        for (int[] b : SHCSR_PENDED) nvic.setPending(b[1], (v >>> b[0] & 1) != 0);
    }

    /** Whether a configurable fault (4, 5, 6) is enabled in SHCSR. */
    boolean faultEnabled(int exc) { return nvic.isEnabled(exc); }
}
