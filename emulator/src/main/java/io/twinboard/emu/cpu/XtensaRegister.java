package io.twinboard.emu.cpu;

/** Xtensa LX106 registers visible to the debugger and tests (CALL0 ABI: 16 address registers). */
public enum XtensaRegister implements CpuRegister {
    PC, A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15,
    SAR, LITBASE, PS, EPC1, EPC2, EPC3, EXCSAVE1, EXCCAUSE, EXCVADDR, VECBASE, INTENABLE, INTERRUPT,
    CCOUNT, CCOMPARE0, DEPC;

    @Override public int bits() { return 32; }
    @Override public int gdbIndex() { return ordinal(); }

    public static XtensaRegister a(int n) { return values()[A0.ordinal() + n]; }
}
