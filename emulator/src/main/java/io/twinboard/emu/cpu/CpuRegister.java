package io.twinboard.emu.cpu;

/**
 * A register of some architecture, by our own enum (no backend constant escapes). Each
 * architecture's enum lists its registers in GDB's order ({@link #gdbIndex}).
 */
public interface CpuRegister {
    String name();

    /** Width in bits. */
    int bits();

    /** Position in the GDB remote protocol 'g' packet for this architecture. */
    int gdbIndex();
}
