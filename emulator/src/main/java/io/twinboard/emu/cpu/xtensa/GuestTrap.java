package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.cpu.StopReason;

/**
 * Unwinds from a memory access or instruction to the interpreter loop when the guest raises an
 * Xtensa exception ({@link #cause} ≥ 0) or the emulation must stop ({@link #stop} non-null).
 * One preallocated instance per core, without stack trace: raising it allocates nothing.
 * This is control flow inside the interpreter, never seen outside this package.
 */
final class GuestTrap extends RuntimeException {
    int cause;
    int vaddr;
    StopReason stop;

    GuestTrap() { super(null, null, false, false); }

    GuestTrap exception(int cause, int vaddr) {
        this.cause = cause;
        this.vaddr = vaddr;
        this.stop = null;
        return this;
    }

    GuestTrap stop(StopReason reason) {
        this.cause = -1;
        this.stop = reason;
        return this;
    }
}
