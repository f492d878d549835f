package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.BusFault;
import io.twinboard.emu.log.GuestLog;

import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * ARM semihosting over {@code BKPT 0xAB} (ARM "Semihosting for AArch32 and AArch64", v2.0):
 * r0 = operation, r1 = parameter (or parameter block); the result goes back to r0. Implemented:
 * SYS_OPEN of ":tt", SYS_CLOSE, SYS_WRITEC, SYS_WRITE0, SYS_WRITE (handles 1 and 2 → console),
 * SYS_READ (end of file), SYS_ISTTY, SYS_CLOCK, SYS_ERRNO, SYS_EXIT and SYS_EXIT_EXTENDED. Other
 * operations return -1 and are reported once as unimplemented.
 */
final class Semihosting {
    static final int SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
            SYS_READ = 0x06, SYS_ISTTY = 0x09, SYS_CLOCK = 0x10, SYS_ERRNO = 0x13, SYS_EXIT = 0x18,
            SYS_EXIT_EXTENDED = 0x20;
    /** ADP_Stopped_ApplicationExit: the reason code of a normal exit. */
    static final int ADP_STOPPED_APPLICATION_EXIT = 0x20026;

    /** Outcome of one call: the value for r0, or an exit code. */
    record Result(int r0, boolean exit, int exitCode) {}

    private final Bus bus;
    private final GuestLog log;
    private final LongSupplier centiseconds;
    private IntConsumer console;

    Semihosting(Bus bus, GuestLog log, LongSupplier centiseconds, IntConsumer console) {
        this.bus = bus;
        this.log = log;
        this.centiseconds = centiseconds;
        this.console = console;
    }

    void setConsole(IntConsumer console) { this.console = console; }

    Result call(int op, int r1) {
        try {
            return switch (op) {
                case SYS_WRITEC -> { console.accept(bus.read(u(r1), 1)); yield ok(0); }
                case SYS_WRITE0 -> {
                    for (long a = u(r1); ; a++) {
                        int c = bus.read(a, 1);
                        if (c == 0) break;
                        console.accept(c);
                    }
                    yield ok(0);
                }
                case SYS_WRITE -> {
                    int fd = word(r1, 0), ptr = word(r1, 1), len = word(r1, 2);
                    if (fd != 1 && fd != 2) {
                        log.guestError("semihosting", "write.fd" + fd, "SYS_WRITE to handle " + fd + " (only 1 and 2 are the console)");
                        yield ok(len);
                    }
                    for (int i = 0; i < len; i++) console.accept(bus.read(u(ptr) + i, 1));
                    yield ok(0);
                }
                case SYS_OPEN -> {
                    String name = string(word(r1, 0), word(r1, 2));
                    int mode = word(r1, 1);
                    if (!name.equals(":tt")) {
                        log.unimplemented("semihosting", "open", "SYS_OPEN of \"" + name + "\" (only \":tt\" exists)");
                        yield ok(-1);
                    }
                    yield ok(mode < 4 ? 0 : mode < 8 ? 1 : 2);
                }
                case SYS_CLOSE -> ok(0);
                case SYS_READ -> ok(word(r1, 2)); // nothing read: end of file
                case SYS_ISTTY -> ok(1);
                case SYS_CLOCK -> ok((int) centiseconds.getAsLong());
                case SYS_ERRNO -> ok(0);
                case SYS_EXIT -> new Result(0, true, r1 == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
                case SYS_EXIT_EXTENDED -> {
                    int reason = word(r1, 0), code = word(r1, 1);
                    yield new Result(0, true, reason == ADP_STOPPED_APPLICATION_EXIT ? code : 1);
                }
                default -> {
                    log.unimplemented("semihosting", "op" + op, String.format("semihosting operation 0x%02x (returns -1)", op));
                    yield ok(-1);
                }
            };
        } catch (BusFault f) {
            log.guestError("semihosting", "fault" + op, String.format("semihosting operation 0x%02x: %s", op, f.getMessage()));
            return ok(-1);
        }
    }

    private static Result ok(int r0) { return new Result(r0, false, 0); }
    private static long u(int a) { return a & 0xFFFF_FFFFL; }
    private int word(int block, int index) { return bus.read(u(block) + 4L * index, 4); }

    private String string(int ptr, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 256); i++) sb.append((char) bus.read(u(ptr) + i, 1));
        return sb.toString();
    }
}
