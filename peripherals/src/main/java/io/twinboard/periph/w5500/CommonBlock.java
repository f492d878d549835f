package io.twinboard.periph.w5500;

import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.regs.Register;
import io.twinboard.emu.regs.RegisterBank;
import io.twinboard.periph.net.Ipv4;

import java.util.function.IntSupplier;

/**
 * The common register block, BSB 00000 (datasheet v1.0.9 §3.1 and §4.1), every register with its
 * reset value. Multi-byte registers are big-endian bytes (GAR0 is the first octet).
 */
final class CommonBlock {
    static final int MR_RST = 0x80;
    static final int PHY_RST = 0x80;

    final RegisterBank bank;
    final Register mr;
    final Register[] gar, subr, shar, sipr, intlevel, rtr, phar, psid, pmru, uipr, uportr;
    final Register ir, imr, sir, simr, rcr, ptimer, pmagic, phycfgr, versionr;
    private boolean linkUp = true;

    /**
     * @param softReset          runs when the guest sets MR.RST (§4.1 MR: "all internal registers
     *                           will be initialized"; the bit then reads 0)
     * @param interruptsChanged  runs after IR/IMR/SIMR/INTLEVEL writes
     * @param socketInterrupts   SIR value: bit n is set while Sn_IR ≠ 0 (§4.1 SIR)
     * @param phyReset           runs with true when PHYCFGR.RST is written 0, false when set back to 1
     */
    CommonBlock(GuestLog log, Runnable softReset, Runnable interruptsChanged, IntSupplier socketInterrupts,
                java.util.function.Consumer<Boolean> phyReset) {
        bank = new RegisterBank("W5500.common", 0x3A, 8, log);
        mr = Regs8.one(bank, 0x00, "MR", 0x00)
                .field("FARP", 1, 1).field("PPPoE", 3, 1).field("PB", 4, 1).field("WOL", 5, 1).field("RST", 7, 1)
                .writeMask(0xBA)
                .unmodelled(0x38, "Wake-on-LAN, ping block and PPPoE modes are not modelled")
                .onWrite((o, n, w) -> { if ((w & MR_RST) != 0) softReset.run(); });
        gar = Regs8.many(bank, 0x01, "GAR", 4, 0);
        subr = Regs8.many(bank, 0x05, "SUBR", 4, 0);
        shar = Regs8.many(bank, 0x09, "SHAR", 6, 0);
        sipr = Regs8.many(bank, 0x0F, "SIPR", 4, 0);
        intlevel = Regs8.many(bank, 0x13, "INTLEVEL", 2, 0);
        ir = Regs8.one(bank, 0x15, "IR", 0).readOnly().w1c(0xF0)
                .field("MP", 4, 1).field("PPPoE", 5, 1).field("UNREACH", 6, 1).field("CONFLICT", 7, 1)
                .onWrite((o, n, w) -> interruptsChanged.run());
        imr = Regs8.one(bank, 0x16, "IMR", 0).writeMask(0xF0).onWrite((o, n, w) -> interruptsChanged.run());
        sir = Regs8.one(bank, 0x17, "SIR", 0).readOnly().onRead(socketInterrupts);
        simr = Regs8.one(bank, 0x18, "SIMR", 0).onWrite((o, n, w) -> interruptsChanged.run());
        rtr = Regs8.many(bank, 0x19, "RTR", 2, 0x07D0);
        rcr = Regs8.one(bank, 0x1B, "RCR", 0x08);
        ptimer = Regs8.one(bank, 0x1C, "PTIMER", 0x28);
        pmagic = Regs8.one(bank, 0x1D, "PMAGIC", 0);
        phar = Regs8.many(bank, 0x1E, "PHAR", 6, 0);
        psid = Regs8.many(bank, 0x24, "PSID", 2, 0);
        pmru = Regs8.many(bank, 0x26, "PMRU", 2, 0xFFFF);
        uipr = Regs8.many(bank, 0x28, "UIPR", 4, 0);
        uportr = Regs8.many(bank, 0x2C, "UPORTR", 2, 0);
        for (Register r : uipr) r.readOnly();
        for (Register r : uportr) r.readOnly();
        // PHYCFGR reset 0b10111xxx: RST=1, OPMD=0 (pins), OPMDC=111 (all capable, auto-negotiation);
        // the low bits are status: DPX (full), SPD (100 Mbit/s), LNK (up).
        phycfgr = Regs8.one(bank, 0x2E, "PHYCFGR", 0xB8)
                .field("LNK", 0, 1).field("SPD", 1, 1).field("DPX", 2, 1).field("OPMDC", 3, 3).field("OPMD", 6, 1).field("RST", 7, 1)
                .writeMask(0xF8)
                .unmodelled(0x40, "PHY operation mode by register (OPMD) is stored but the link stays 100 Mbit/s full duplex")
                .onRead(() -> (phycfgrStored() & 0xF8) | (linkUp ? 0x07 : 0x00))
                .onWrite((o, n, w) -> { if (((o ^ n) & PHY_RST) != 0) phyReset.accept((n & PHY_RST) == 0); });
        versionr = Regs8.one(bank, 0x39, "VERSIONR", 0x04).readOnly();
    }

    private int phycfgrStored() { return phycfgr.get(); }

    void reset() { bank.reset(); }

    void setLinkUp(boolean up) { linkUp = up; }
    boolean linkUp() { return linkUp; }

    /** RTR in units of 100 µs (§4.1 RTR). */
    int rtr() { return Regs8.u16(rtr); }
    int rcr() { return rcr.get(); }
    int intLevel() { return Regs8.u16(intlevel); }
    Ipv4 sourceIp() { return new Ipv4(sipr[0].get() << 24 | sipr[1].get() << 16 | sipr[2].get() << 8 | sipr[3].get()); }
}
