package io.twinboard.emu.cpu.xtensa;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.MmioDevice;
import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.SymbolTable;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;

import static io.twinboard.emu.cpu.xtensa.Lx106Memory.INT_LE;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.PAGE_MASK;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.RAW;
import static io.twinboard.emu.cpu.xtensa.Lx106Memory.SHORT_LE;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The LX106 instruction interpreter: runs the instructions of a block or a single instruction
 * ({@link #runBlock}), with the slow paths of memory accesses (devices, with the scheduler
 * brought up to date first; code pages; errors), the system instructions and exception entry.
 * {@link XtensaLx106} decides what to run (block lookup, deadlines, interrupts).
 *
 * <p>The hot loop is shaped for HotSpot's C2: one method without exception handler, whose only
 * calls end the block (slow paths and system instructions update {@link #pc}, {@link #cycles}
 * and {@link #lastWord} themselves), and switch cases that do not share expressions C2 would
 * otherwise compute for every instruction ahead of the jump table and spill (all conditional
 * branches are one case; J computes its target its own way).
 */
abstract class Lx106Interpreter extends Lx106Core {
    final Bus bus;
    final Scheduler scheduler;
    final ClockDomain clock;
    final Lx106Memory mem;
    final Lx106Memory.Page[] pages;
    final XtensaSemihosting semihosting;
    /** Scheduler time of core cycle 0 (virtual ps): cycles count from here. */
    long clockBase;
    /** The last instruction executed, 0 after an exception: its load/MULL result may stall the next one. */
    long lastWord;
    /** Why the run must stop after the current instruction (breakpoint, fault, exit), or null. */
    StopReason pendingStop;
    /** The run's deadline (virtual ps), lowered when a device schedules an earlier event. */
    long runDeadline;
    int seenDeadlineVersion;

    Lx106Interpreter(Bus bus, Scheduler scheduler, ClockDomain clock, GuestLog log, SymbolTable symbols) {
        super(log, symbols);
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
        this.mem = new Lx106Memory(bus);
        this.pages = mem.pages;
        this.semihosting = new XtensaSemihosting(bus, log, System.out);
    }

    /**
     * A {@code j .} at an exception vector while PS.EXCM is set: the firmware's handler gave up
     * (our images' vectors end that way; a vector is VECBASE + 0..0x7F on the LX106). Rather than spin until --max-time, stop
     * with a report of the exception that got there, as the Cortex-M4 core does for faults.
     */
    private StopReason spinningInHandler(int at) {
        return fault("Unhandled " + ExcCause.name(exccause), epc[1],
                "the exception handler at " + where(at) + " loops forever (j .); EPC1 is the faulting instruction");
    }

    /**
     * Runs the instructions of {@code code} (a block's, or one instruction) from {@code base} on,
     * with no deadline check: the caller checked the block's bound and already added its static
     * cycles (see {@link Lx106Block}). Stops early after an instruction that took a slow memory
     * path (a device access may have lowered the limit), a system instruction, or an exception.
     * Returns how many instructions ran and leaves {@link #pc}, {@link #cycles}, {@link #lastWord}
     * after them.
     *
     * <p>A method of its own, apart from the block lookup: with few values live across the
     * dispatch, C2 keeps more of them in registers.
     */
    final int runBlock(long[] code, int base) {
        final int[] ar = this.ar;
        long cycles = this.cycles;
        int i = 0;
        long w;
        do {
            w = code[i++]; // its cost is in cycles already; its PC is base + Op.offset(w)
            switch (Op.op(w)) {
                case Op.ADD -> ar[Op.a(w)] = ar[Op.b(w)] + ar[Op.c(w)];
                case Op.ADDX2 -> ar[Op.a(w)] = (ar[Op.b(w)] << 1) + ar[Op.c(w)];
                case Op.ADDX4 -> ar[Op.a(w)] = (ar[Op.b(w)] << 2) + ar[Op.c(w)];
                case Op.ADDX8 -> ar[Op.a(w)] = (ar[Op.b(w)] << 3) + ar[Op.c(w)];
                case Op.SUB -> ar[Op.a(w)] = ar[Op.b(w)] - ar[Op.c(w)];
                case Op.SUBX2 -> ar[Op.a(w)] = (ar[Op.b(w)] << 1) - ar[Op.c(w)];
                case Op.SUBX4 -> ar[Op.a(w)] = (ar[Op.b(w)] << 2) - ar[Op.c(w)];
                case Op.SUBX8 -> ar[Op.a(w)] = (ar[Op.b(w)] << 3) - ar[Op.c(w)];
                case Op.AND -> ar[Op.a(w)] = ar[Op.b(w)] & ar[Op.c(w)];
                case Op.OR -> ar[Op.a(w)] = ar[Op.b(w)] | ar[Op.c(w)];
                case Op.XOR -> ar[Op.a(w)] = ar[Op.b(w)] ^ ar[Op.c(w)];
                case Op.MOV -> ar[Op.a(w)] = ar[Op.b(w)];
                case Op.NEG -> ar[Op.a(w)] = -ar[Op.b(w)];
                case Op.ABS -> ar[Op.a(w)] = Math.abs(ar[Op.b(w)]);
                case Op.ADDI -> ar[Op.a(w)] = ar[Op.b(w)] + Op.imm(w);
                case Op.MOVI -> ar[Op.a(w)] = Op.imm(w);
                case Op.MOVEQZ -> { if (ar[Op.c(w)] == 0) ar[Op.a(w)] = ar[Op.b(w)]; }
                case Op.MOVNEZ -> { if (ar[Op.c(w)] != 0) ar[Op.a(w)] = ar[Op.b(w)]; }
                case Op.MOVLTZ -> { if (ar[Op.c(w)] < 0) ar[Op.a(w)] = ar[Op.b(w)]; }
                case Op.MOVGEZ -> { if (ar[Op.c(w)] >= 0) ar[Op.a(w)] = ar[Op.b(w)]; }
                case Op.EXTUI -> {
                    int imm = Op.imm(w);
                    ar[Op.a(w)] = (ar[Op.b(w)] >>> (imm & 31)) & (int) ((1L << (imm >>> 5)) - 1);
                }
                case Op.SLLI -> ar[Op.a(w)] = Op.imm(w) == 32 ? 0 : ar[Op.b(w)] << Op.imm(w);
                case Op.SRLI -> ar[Op.a(w)] = ar[Op.b(w)] >>> Op.imm(w);
                case Op.SRAI -> ar[Op.a(w)] = ar[Op.b(w)] >> Op.imm(w);
                case Op.SLL -> { int sh = 32 - sar; ar[Op.a(w)] = sh >= 32 ? 0 : ar[Op.b(w)] << sh; }
                case Op.SRL -> ar[Op.a(w)] = sar >= 32 ? 0 : ar[Op.b(w)] >>> sar;
                case Op.SRA -> ar[Op.a(w)] = ar[Op.b(w)] >> Math.min(sar, 31);
                case Op.SRC -> {
                    long v = (long) ar[Op.b(w)] << 32 | (ar[Op.c(w)] & 0xFFFF_FFFFL);
                    ar[Op.a(w)] = (int) (v >>> sar);
                }
                case Op.SSR -> sar = ar[Op.b(w)] & 31;
                case Op.SSL -> sar = 32 - (ar[Op.b(w)] & 31);
                case Op.SSA8L -> sar = (ar[Op.b(w)] & 3) << 3;
                case Op.SSA8B -> sar = 32 - ((ar[Op.b(w)] & 3) << 3);
                case Op.SSAI -> sar = Op.imm(w);
                case Op.NSA -> {
                    int v = ar[Op.b(w)];
                    ar[Op.a(w)] = Integer.numberOfLeadingZeros(v < 0 ? ~v : v) - 1 & 31;
                }
                case Op.NSAU -> ar[Op.a(w)] = Integer.numberOfLeadingZeros(ar[Op.b(w)]);
                case Op.MUL16U -> ar[Op.a(w)] = (ar[Op.b(w)] & 0xFFFF) * (ar[Op.c(w)] & 0xFFFF);
                case Op.MUL16S -> ar[Op.a(w)] = (short) ar[Op.b(w)] * (short) ar[Op.c(w)];
                case Op.MULL -> { ar[Op.a(w)] = ar[Op.b(w)] * ar[Op.c(w)]; }
                case Op.L32I -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if ((addr & 3) != 0 || p == null) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    ar[Op.a(w)] = RAW.get(INT_LE, p.base + (addr & PAGE_MASK));
                    cycles += p.loadWait;
                }
                case Op.L32R -> {
                    int addr = (litbase & 1) != 0 ? (litbase & 0xFFFFF000) + Op.imm(w) : ((base + Op.offset(w) + 3) & ~3) + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if (p == null) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    ar[Op.a(w)] = RAW.get(INT_LE, p.base + (addr & PAGE_MASK));
                    cycles += p.loadWait;
                }
                case Op.L8UI -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if (p == null || !p.fastSubwordLoad) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    ar[Op.a(w)] = RAW.get(JAVA_BYTE, p.base + (addr & PAGE_MASK)) & 0xFF;
                    cycles += p.loadWait;
                }
                case Op.L16UI, Op.L16SI -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if ((addr & 1) != 0 || p == null || !p.fastSubwordLoad) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    int v = RAW.get(SHORT_LE, p.base + (addr & PAGE_MASK));
                    ar[Op.a(w)] = Op.op(w) == Op.L16SI ? v : v & 0xFFFF;
                    cycles += p.loadWait;
                }
                case Op.S32I -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if ((addr & 3) != 0 || p == null || !p.fastStore) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    RAW.set(INT_LE, p.base + (addr & PAGE_MASK), ar[Op.c(w)]);
                    cycles += p.storeWait;
                }
                case Op.S16I -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if ((addr & 1) != 0 || p == null || !p.fastStore) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    RAW.set(SHORT_LE, p.base + (addr & PAGE_MASK), (short) ar[Op.c(w)]);
                    cycles += p.storeWait;
                }
                case Op.S8I -> {
                    int addr = ar[Op.b(w)] + Op.imm(w);
                    Lx106Memory.Page p = pages[addr >>> Lx106Memory.PAGE_BITS];
                    if (p == null || !p.fastStore) { this.cycles = cycles - Op.suffix(w); slowAccess(w, base); return i; }
                    RAW.set(JAVA_BYTE, p.base + (addr & PAGE_MASK), (byte) ar[Op.c(w)]);
                    cycles += p.storeWait;
                }
                case Op.J -> {
                    // base + (offset + imm), not pc + imm: apart from the branches' target so that
                    // C2 does not compute a target for every instruction ahead of the jump table.
                    int target = base + (Op.offset(w) + Op.imm(w));
                    if (target == base + Op.offset(w) && (ps & PS_EXCM) != 0 && Integer.compareUnsigned(target - vecbase, 0x80) < 0) {
                        this.cycles = cycles - Op.suffix(w);
                        system(w, base);
                        return i;
                    }
                    return leave(target, cycles, w, i);
                }
                case Op.JX -> { return leave(ar[Op.b(w)], cycles, w, i); } // JUMP_PENALTY is in the static cost of all jumps
                case Op.CALL0 -> {
                    int pc = base + Op.offset(w);
                    ar[0] = pc + Op.length(w);
                    return leave((pc & ~3) + Op.imm(w) + 4, cycles, w, i);
                }
                case Op.CALLX0 -> {
                    int t = ar[Op.b(w)];
                    ar[0] = base + Op.offset(w) + Op.length(w);
                    return leave(t, cycles, w, i);
                }
                case Op.RET -> { return leave(ar[0], cycles, w, i); }
                case Op.BEQZ, Op.BNEZ, Op.BLTZ, Op.BGEZ, Op.BEQI, Op.BNEI, Op.BLTI, Op.BGEI, Op.BLTUI, Op.BGEUI,
                     Op.BNONE, Op.BEQ, Op.BLT, Op.BLTU, Op.BALL, Op.BBC, Op.BANY, Op.BNE, Op.BGE, Op.BGEU,
                     Op.BNALL, Op.BBS, Op.BBCI, Op.BBSI -> {
                    // One case for all: C2 would otherwise compute the target and the penalised
                    // cycle count once for all cases, ahead of the jump table, and spill them.
                    boolean taken = switch (Op.op(w)) {
                        case Op.BEQZ -> ar[Op.b(w)] == 0;
                        case Op.BNEZ -> ar[Op.b(w)] != 0;
                        case Op.BLTZ -> ar[Op.b(w)] < 0;
                        case Op.BGEZ -> ar[Op.b(w)] >= 0;
                        case Op.BEQI -> ar[Op.b(w)] == Lx106Decoder.B4CONST[Op.c(w)];
                        case Op.BNEI -> ar[Op.b(w)] != Lx106Decoder.B4CONST[Op.c(w)];
                        case Op.BLTI -> ar[Op.b(w)] < Lx106Decoder.B4CONST[Op.c(w)];
                        case Op.BGEI -> ar[Op.b(w)] >= Lx106Decoder.B4CONST[Op.c(w)];
                        case Op.BLTUI -> Integer.compareUnsigned(ar[Op.b(w)], Lx106Decoder.B4CONSTU[Op.c(w)]) < 0;
                        case Op.BGEUI -> Integer.compareUnsigned(ar[Op.b(w)], Lx106Decoder.B4CONSTU[Op.c(w)]) >= 0;
                        case Op.BNONE -> (ar[Op.b(w)] & ar[Op.c(w)]) == 0;
                        case Op.BANY -> (ar[Op.b(w)] & ar[Op.c(w)]) != 0;
                        case Op.BALL -> { int t = ar[Op.c(w)]; yield (ar[Op.b(w)] & t) == t; }
                        case Op.BNALL -> { int t = ar[Op.c(w)]; yield (ar[Op.b(w)] & t) != t; }
                        case Op.BEQ -> ar[Op.b(w)] == ar[Op.c(w)];
                        case Op.BNE -> ar[Op.b(w)] != ar[Op.c(w)];
                        case Op.BLT -> ar[Op.b(w)] < ar[Op.c(w)];
                        case Op.BGE -> ar[Op.b(w)] >= ar[Op.c(w)];
                        case Op.BLTU -> Integer.compareUnsigned(ar[Op.b(w)], ar[Op.c(w)]) < 0;
                        case Op.BGEU -> Integer.compareUnsigned(ar[Op.b(w)], ar[Op.c(w)]) >= 0;
                        case Op.BBC -> (ar[Op.b(w)] & (1 << (ar[Op.c(w)] & 31))) == 0;
                        case Op.BBS -> (ar[Op.b(w)] & (1 << (ar[Op.c(w)] & 31))) != 0;
                        case Op.BBCI -> (ar[Op.b(w)] & (1 << Op.a(w))) == 0;
                        case Op.BBSI -> (ar[Op.b(w)] & (1 << Op.a(w))) != 0;
                        default -> false; // not reached: the case lists every conditional branch
                    };
                    int pc = base + Op.offset(w);
                    if (taken) return leave(pc + Op.imm(w), cycles + Lx106Timing.TAKEN_BRANCH_PENALTY, w, i);
                    return leave(pc + Op.length(w), cycles, w, i);
                }
                case Op.NOP -> { }
                default -> { this.cycles = cycles - Op.suffix(w); system(w, base); return i; }
            }
        } while (i < code.length);
        return leave(base + Op.offset(w) + Op.length(w), cycles, w, i);
    }

    /** Ends a block after instruction {@code w}, the {@code ran}-th, continuing at {@code pc}. */
    private int leave(int pc, long cycles, long w, int ran) {
        this.pc = pc;
        this.cycles = cycles;
        this.lastWord = w;
        return ran;
    }

    /** Registers whose value arrives a cycle late after instruction {@code w} (a load or MULL result). */
    static int lateResult(long w) {
        return Lx106Timing.lateResult(Op.op(w)) ? 1 << Op.a(w) : 0;
    }

    /**
     * The rare, system-level instructions (special registers, interrupt level, exception
     * returns, debug, semihosting, illegal encodings), kept out of {@link #execute}'s switch so
     * that its hot cases keep their registers. Starts from {@link #cycles} as of the instruction,
     * leaves {@link #pc}, {@link #cycles} and {@link #lastWord} after it (or after its exception).
     */
    private void system(long w, int base) {
        int pc = base + Op.offset(w), next = pc + Op.length(w);
        this.pc = pc;
        try {
            switch (Op.op(w)) {
                case Op.RSR -> ar[Op.a(w)] = readSpecial(Op.imm(w), cycles);
                case Op.WSR -> { this.pc = pc; writeSpecial(Op.imm(w), ar[Op.a(w)], cycles); }
                case Op.XSR -> {
                    int old = readSpecial(Op.imm(w), cycles);
                    this.pc = pc;
                    writeSpecial(Op.imm(w), ar[Op.a(w)], cycles);
                    ar[Op.a(w)] = old;
                }
                case Op.RSIL -> {
                    int old = ps;
                    ps = (ps & ~PS_INTLEVEL) | Op.imm(w);
                    ar[Op.a(w)] = old;
                    attention();
                }
                case Op.WAITI -> {
                    ps = (ps & ~PS_INTLEVEL) | Op.imm(w);
                    waiting = true;
                    attention();
                }
                case Op.RFE -> { ps &= ~PS_EXCM; next = epc[1]; cycles += Lx106Timing.EXCEPTION_RETURN; attention(); }
                case Op.RFDE -> { next = depc; cycles += Lx106Timing.EXCEPTION_RETURN; } // PS.EXCM stays: back to the first-level handler
                case Op.RFI -> { next = returnFromInterrupt(Op.imm(w)); cycles += Lx106Timing.EXCEPTION_RETURN; }
                case Op.BREAK, Op.BREAK_N -> {
                    int v = enterDebug(pc, Op.op(w) == Op.BREAK ? DEBUGCAUSE_BI : DEBUGCAUSE_BN);
                    if (v != -1) { next = v; cycles += Lx106Timing.EXCEPTION_ENTRY; }
                }
                case Op.SYSCALL -> throw trap.exception(ExcCause.SYSCALL, 0);
                case Op.SIMCALL -> {
                    StopReason r = semihosting.call(ar);
                    if (r != null) { pendingStop = r; attention(); }
                }
                case Op.J -> { // j . at an exception vector (see spinningInHandler)
                    pendingStop = spinningInHandler(pc);
                    attention();
                }
                default -> throw trap.exception(ExcCause.ILLEGAL_INSTRUCTION, 0);
            }
            this.pc = next;
            lastWord = w;
        } catch (GuestTrap t) {
            raise(t, pc);
        }
    }

    /**
     * Slow path of a load or store: devices (the scheduler is brought up to date first),
     * unaligned or sub-word accesses to word-only memory, code pages, unmapped addresses. Starts
     * from {@link #cycles} as of the instruction, leaves {@link #pc}, {@link #cycles} and
     * {@link #lastWord} after it (or after its exception).
     */
    private void slowAccess(long w, int base) {
        int pc = base + Op.offset(w), next = pc + Op.length(w);
        this.pc = pc;
        try {
            int op = Op.op(w);
            int addr = op != Op.L32R ? ar[Op.b(w)] + Op.imm(w)
                    : (litbase & 1) != 0 ? (litbase & 0xFFFFF000) + Op.imm(w) : ((pc + 3) & ~3) + Op.imm(w);
            switch (op) {
                    case Op.L32I, Op.L32R -> ar[Op.a(w)] = slowLoad(addr, 4);
                    case Op.L8UI -> ar[Op.a(w)] = slowLoad(addr, 1);
                    case Op.L16UI -> ar[Op.a(w)] = slowLoad(addr, 2);
                    case Op.L16SI -> ar[Op.a(w)] = (short) slowLoad(addr, 2);
                    case Op.S32I -> slowStore(addr, 4, ar[Op.c(w)]);
                    case Op.S16I -> slowStore(addr, 2, ar[Op.c(w)]);
                    default -> slowStore(addr, 1, ar[Op.c(w)]);
            }
            this.pc = next;
            lastWord = w;
        } catch (GuestTrap t) {
            raise(t, pc);
        }
    }

    /** Takes the exception (or stop) {@code t} raised by the instruction at {@code pc}. */
    private void raise(GuestTrap t, int pc) {
        this.pc = pc; // for the guest log's locator; also where a stop leaves the core
        lastWord = 0; // no load-use interlock after an exception
        if (t.stop != null) {
            pendingStop = t.stop;
            attention();
            return;
        }
        if (t.cause == ExcCause.ILLEGAL_INSTRUCTION) logIllegal(pc);
        if (t.cause != ExcCause.SYSCALL && t.cause != ExcCause.ILLEGAL_INSTRUCTION) excvaddr = t.vaddr;
        this.pc = enterException(pc, t.cause);
        cycles += Lx106Timing.EXCEPTION_ENTRY;
    }

    private void logIllegal(int at) {
        log.guestError(SOURCE, "illegal@" + Integer.toHexString(at), String.format("illegal instruction %s at %s",
            instructionBytes(at), where(at)));
    }

    private String instructionBytes(int at) {
        try {
            int len = Lx106Decoder.length(bus.read(Integer.toUnsignedLong(at), 1));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) sb.append(String.format("%02x", bus.read(Integer.toUnsignedLong(at + i), 1)));
            return sb.toString();
        } catch (RuntimeException e) {
            return "??";
        }
    }

    // ---------------------------------------------------------------- slow memory paths

    /** Load that missed the fast path: alignment, word-only memory, devices, unmapped. Uses {@link #cycles}. */
    private int slowLoad(int addr, int size) {
        if ((addr & (size - 1)) != 0) throw trap.exception(ExcCause.LOAD_STORE_ALIGNMENT, addr);
        Lx106Memory.Page p = mem.page(addr);
        if (p != null) {
            if (p.wordOnly && size < 4) {
                log.guestError(SOURCE, "subword-load@" + Integer.toHexString(addr >>> 12), String.format(
                    "%d-byte load from 0x%08x in %s, which allows only 32-bit loads", size, addr, p.region.name()));
                throw trap.exception(ExcCause.LOAD_STORE_ERROR, addr);
            }
            cycles += p.loadWait;
            return bus.read(Integer.toUnsignedLong(addr), size);
        }
        Region r = bus.find(Integer.toUnsignedLong(addr));
        if (r instanceof Region.Mmio d && Integer.toUnsignedLong(addr) + size <= d.end()) {
            MmioDevice dev = d.device();
            syncTime();
            int v = dev.read((int) (Integer.toUnsignedLong(addr) - d.base()), size);
            afterDeviceAccess();
            return size == 4 ? v : size == 2 ? v & 0xFFFF : v & 0xFF;
        }
        log.guestError(SOURCE, "load@" + Integer.toHexString(addr >>> 12), String.format("load from unmapped address 0x%08x", addr));
        throw trap.exception(ExcCause.LOAD_STORE_PIF_ADDR_ERROR, addr);
    }

    private void slowStore(int addr, int size, int value) {
        if ((addr & (size - 1)) != 0) throw trap.exception(ExcCause.LOAD_STORE_ALIGNMENT, addr);
        Lx106Memory.Page p = mem.page(addr);
        if (p != null) {
            if (!p.writable || p.wordOnly) {
                log.guestError(SOURCE, "store-ro@" + Integer.toHexString(addr >>> 12), String.format(
                    "%d-byte store to 0x%08x in %s, which the core cannot write", size, addr, p.region.name()));
                throw trap.exception(ExcCause.LOAD_STORE_ERROR, addr);
            }
            if (p.decoded != null) mem.invalidateRange(addr, size);
            cycles += p.storeWait;
            int off = addr & PAGE_MASK;
            switch (size) {
                case 4 -> p.seg.set(INT_LE, off, value);
                case 2 -> p.seg.set(SHORT_LE, off, (short) value);
                default -> p.seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, off, (byte) value);
            }
            return;
        }
        Region r = bus.find(Integer.toUnsignedLong(addr));
        if (r instanceof Region.Mmio d && Integer.toUnsignedLong(addr) + size <= d.end()) {
            syncTime();
            int v = size == 4 ? value : size == 2 ? value & 0xFFFF : value & 0xFF;
            d.device().write((int) (Integer.toUnsignedLong(addr) - d.base()), size, v);
            afterDeviceAccess();
            return;
        }
        log.guestError(SOURCE, "store@" + Integer.toHexString(addr >>> 12), String.format("store to unmapped address 0x%08x", addr));
        throw trap.exception(ExcCause.LOAD_STORE_PIF_ADDR_ERROR, addr);
    }

    /** Brings the scheduler to the core's current time before a device access. */
    private void syncTime() {
        long t = clock.timeOf(clockBase + cycles);
        if (t > scheduler.now()) scheduler.advanceTo(t);
    }

    /** A device may have raised an interrupt, changed the clock or scheduled an earlier event. */
    private void afterDeviceAccess() {
        int v = scheduler.deadlineVersion();
        if (v != seenDeadlineVersion) {
            seenDeadlineVersion = v;
            runDeadline = Math.min(runDeadline, scheduler.nextDeadline());
        }
        attention();
    }
}
