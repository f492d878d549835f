package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.log.GuestLog;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The Xtensa ISS semihosting interface reached by SIMCALL, as {@code qemu-system-xtensa
 * -semihosting} implements it (target/xtensa/xtensa-semi.c): the call number is in a2, arguments
 * in a3..a5; the result goes to a2 and an errno to a3.
 * <ul>
 *   <li>1 SYS_exit(a3 = code): the run stops with {@link StopReason.Exit}.</li>
 *   <li>4 SYS_write(a3 = fd, a4 = buffer, a5 = length): fd 1 and 2 go to the console sink;
 *       a2 = bytes written, a3 = 0. Another fd: a2 = -1, a3 = EBADF (9).</li>
 *   <li>3 SYS_read from fd 0: no console input is modelled; a2 = -1, a3 = EAGAIN (11).</li>
 *   <li>6 SYS_close of fd 0..2: a2 = a3 = 0.</li>
 *   <li>anything else: a2 = -1, a3 = ENOSYS (88), logged once.</li>
 * </ul>
 */
final class XtensaSemihosting {
    static final int SYS_EXIT = 1, SYS_READ = 3, SYS_WRITE = 4, SYS_CLOSE = 6;
    static final int EBADF = 9, EAGAIN = 11, EINVAL = 22, ENOSYS = 88;

    private final Bus bus;
    private final GuestLog log;
    private OutputStream console;

    XtensaSemihosting(Bus bus, GuestLog log, OutputStream console) {
        this.bus = bus;
        this.log = log;
        this.console = console;
    }

    void setConsole(OutputStream console) { this.console = console; }

    /** Performs the call in {@code ar}; returns a stop reason for SYS_exit, else null. */
    StopReason call(int[] ar) {
        switch (ar[2]) {
            case SYS_EXIT -> { return new StopReason.Exit(ar[3]); }
            case SYS_WRITE -> write(ar);
            case SYS_READ -> {
                if (ar[3] != 0) log.guestError(Lx106Core.SOURCE, "simcall-read-fd", "SYS_read from fd " + ar[3] + " is not supported");
                ar[2] = -1;
                ar[3] = ar[3] == 0 ? EAGAIN : EBADF;
            }
            case SYS_CLOSE -> {
                if (Integer.compareUnsigned(ar[3], 3) < 0) { ar[2] = 0; ar[3] = 0; }
                else { ar[2] = -1; ar[3] = EBADF; }
            }
            default -> {
                log.unimplemented(Lx106Core.SOURCE, "simcall-" + ar[2], "semihosting call " + ar[2] + " is not implemented (returns -1, ENOSYS)");
                ar[2] = -1;
                ar[3] = ENOSYS;
            }
        }
        return null;
    }

    private void write(int[] ar) {
        int fd = ar[3], len = ar[5];
        long address = Integer.toUnsignedLong(ar[4]);
        if (fd != 1 && fd != 2) {
            log.guestError(Lx106Core.SOURCE, "simcall-write-fd", "SYS_write to fd " + fd + " is not supported (only 1 and 2)");
            ar[2] = -1;
            ar[3] = EBADF;
            return;
        }
        byte[] data;
        try {
            data = bus.dump(address, len);
        } catch (BusFault | IllegalArgumentException | NegativeArraySizeException e) {
            log.guestError(Lx106Core.SOURCE, "simcall-write-buffer", String.format("SYS_write buffer 0x%08x+%d is not in memory", address, len));
            ar[2] = -1;
            ar[3] = EINVAL;
            return;
        }
        try {
            console.write(data);
            console.flush();
        } catch (IOException e) {
            log.info(Lx106Core.SOURCE, "console-io", "console sink failed: " + e.getMessage());
        }
        ar[2] = len;
        ar[3] = 0;
    }
}
