package io.twinboard.emu.cpu;

/** Cortex-M registers, GDB order for the {@code arm-m-profile} target description. */
public enum ArmRegister implements CpuRegister {
    R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, SP, LR, PC, XPSR,
    /** Banked stack pointers and special registers (ARMv7-M ARM B1.4). */
    MSP, PSP, PRIMASK, BASEPRI, FAULTMASK, CONTROL;

    @Override public int bits() { return 32; }
    @Override public int gdbIndex() { return ordinal(); }

    /** r0..r12, sp, lr, pc by number. */
    public static ArmRegister r(int n) { return values()[n]; }
}
