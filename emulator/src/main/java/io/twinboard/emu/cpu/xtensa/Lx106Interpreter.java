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
 * <p>The hot loop is shaped for HotSpot's C2 (see {@link #runBlock}): one method without
 * exception handler or calls, which leaves slow paths and system instructions to
 * {@link #finishSlow}, and switch cases that do not share expressions C2 would otherwise
 * compute for every instruction ahead of the jump table and spill.
 */
abstract class Lx106Interpreter extends Lx106Core {
    final Bus bus;
    final Scheduler scheduler;
    final ClockDomain clock;
    final Lx106Memory mem;
    final Lx106Memory.Page[] pages;
    /** {@link Lx106Memory#access}: the fast paths' host addresses by page. */
    final long[] access;
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
        this.access = mem.access;
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
     * cycles (see {@link Lx106Block}). Returns how many instructions ran, leaving {@link #pc},
     * {@link #cycles}, {@link #lastWord} after them; or, when instruction {@code n-1} needs a
     * slow path (a device or unaligned access, a system instruction), returns {@code -n} with
     * {@link #cycles} as of that instruction, for {@link #finishSlow} to run it. The block ends
     * there in both cases: a device access may have lowered the limit.
     *
     * <p>Shaped for HotSpot's C2: no calls at all, even on paths that rarely run (all registers
     * are caller-saved in compiled Java, so one call keeps the loop's values on the stack):
     * only intrinsics and trivial methods ({@link Op#aBits} and the like), which C2 always
     * inlines. No expression is shared by several cases (C2 would compute it for every
     * instruction ahead of the jump table and spill it): each case reads the fields from
     * {@code x = w ^ OP}, the word with its op bits cleared (OP is the op of that case), an
     * expression of its own per case.
     */
    final int runBlock(long[] code, int base) {
        final int[] ar = this.ar;
        final long[] access = this.access;
        // Index masks (ar.length and access.length are powers of two): with them C2 proves the
        // indices in range and drops the range checks (and their deoptimization exits).
        final int m = ar.length - 1, pm = access.length - 1;
        long cycles = this.cycles;
        int i = 0;
        long w;
        long x; // the current word with its op bits cleared (see above)
        int next; // the PC after the block
        ended: {
            taken: {
                do {
                    w = code[i++]; // its cost is in cycles already; its PC is base + Op.offset(w)
                    switch (Op.op(w)) {
                        case Op.ADD -> { x = w ^ Op.ADD; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] + ar[Op.cBits(x) & m]; }
                        case Op.ADDX2 -> { x = w ^ Op.ADDX2; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 1) + ar[Op.cBits(x) & m]; }
                        case Op.ADDX4 -> { x = w ^ Op.ADDX4; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 2) + ar[Op.cBits(x) & m]; }
                        case Op.ADDX8 -> { x = w ^ Op.ADDX8; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 3) + ar[Op.cBits(x) & m]; }
                        case Op.SUB -> { x = w ^ Op.SUB; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] - ar[Op.cBits(x) & m]; }
                        case Op.SUBX2 -> { x = w ^ Op.SUBX2; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 1) - ar[Op.cBits(x) & m]; }
                        case Op.SUBX4 -> { x = w ^ Op.SUBX4; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 2) - ar[Op.cBits(x) & m]; }
                        case Op.SUBX8 -> { x = w ^ Op.SUBX8; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] << 3) - ar[Op.cBits(x) & m]; }
                        case Op.AND -> { x = w ^ Op.AND; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] & ar[Op.cBits(x) & m]; }
                        case Op.OR -> { x = w ^ Op.OR; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] | ar[Op.cBits(x) & m]; }
                        case Op.XOR -> { x = w ^ Op.XOR; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] ^ ar[Op.cBits(x) & m]; }
                        case Op.MOV -> { x = w ^ Op.MOV; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m]; }
                        case Op.NEG -> { x = w ^ Op.NEG; ar[Op.aBits(x) & m] = -ar[Op.bBits(x) & m]; }
                        case Op.ABS -> { x = w ^ Op.ABS; ar[Op.aBits(x) & m] = Math.abs(ar[Op.bBits(x) & m]); }
                        case Op.ADDI -> { x = w ^ Op.ADDI; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] + Op.imm(x); }
                        case Op.MOVI -> { x = w ^ Op.MOVI; ar[Op.aBits(x) & m] = Op.imm(x); }
                        case Op.MOVEQZ -> { x = w ^ Op.MOVEQZ; if (ar[Op.cBits(x) & m] == 0) ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m]; }
                        case Op.MOVNEZ -> { x = w ^ Op.MOVNEZ; if (ar[Op.cBits(x) & m] != 0) ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m]; }
                        case Op.MOVLTZ -> { x = w ^ Op.MOVLTZ; if (ar[Op.cBits(x) & m] < 0) ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m]; }
                        case Op.MOVGEZ -> { x = w ^ Op.MOVGEZ; if (ar[Op.cBits(x) & m] >= 0) ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m]; }
                        case Op.EXTUI -> {
                            x = w ^ Op.EXTUI;
                            int imm = Op.imm(x);
                            ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] >>> (imm & 31)) & (int) ((1L << (imm >>> 5)) - 1);
                        }
                        case Op.SLLI -> { x = w ^ Op.SLLI; ar[Op.aBits(x) & m] = Op.imm(x) == 32 ? 0 : ar[Op.bBits(x) & m] << Op.imm(x); }
                        case Op.SRLI -> { x = w ^ Op.SRLI; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] >>> Op.imm(x); }
                        case Op.SRAI -> { x = w ^ Op.SRAI; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] >> Op.imm(x); }
                        case Op.SLL, Op.SRL, Op.SRA, Op.SRC -> { // one case: SAR is read in one place
                            int sar = this.sar;
                            switch (Op.op(w)) {
                                case Op.SLL -> { x = w ^ Op.SLL; int sh = 32 - sar; ar[Op.aBits(x) & m] = sh >= 32 ? 0 : ar[Op.bBits(x) & m] << sh; }
                                case Op.SRL -> { x = w ^ Op.SRL; ar[Op.aBits(x) & m] = sar >= 32 ? 0 : ar[Op.bBits(x) & m] >>> sar; }
                                case Op.SRA -> { x = w ^ Op.SRA; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] >> Math.min(sar, 31); }
                                default -> {
                                    x = w ^ Op.SRC;
                                    long v = (long) ar[Op.bBits(x) & m] << 32 | (ar[Op.cBits(x) & m] & 0xFFFF_FFFFL);
                                    ar[Op.aBits(x) & m] = (int) (v >>> sar);
                                }
                            }
                        }
                        case Op.SSR -> { x = w ^ Op.SSR; sar = ar[Op.bBits(x) & m] & 31; }
                        case Op.SSL -> { x = w ^ Op.SSL; sar = 32 - (ar[Op.bBits(x) & m] & 31); }
                        case Op.SSA8L -> { x = w ^ Op.SSA8L; sar = (ar[Op.bBits(x) & m] & 3) << 3; }
                        case Op.SSA8B -> { x = w ^ Op.SSA8B; sar = 32 - ((ar[Op.bBits(x) & m] & 3) << 3); }
                        case Op.SSAI -> { x = w ^ Op.SSAI; sar = Op.imm(x); }
                        case Op.NSA -> {
                            x = w ^ Op.NSA;
                            int v = ar[Op.bBits(x) & m];
                            ar[Op.aBits(x) & m] = Integer.numberOfLeadingZeros(v < 0 ? ~v : v) - 1 & 31;
                        }
                        case Op.NSAU -> { x = w ^ Op.NSAU; ar[Op.aBits(x) & m] = Integer.numberOfLeadingZeros(ar[Op.bBits(x) & m]); }
                        case Op.MUL16U -> { x = w ^ Op.MUL16U; ar[Op.aBits(x) & m] = (ar[Op.bBits(x) & m] & 0xFFFF) * (ar[Op.cBits(x) & m] & 0xFFFF); }
                        case Op.MUL16S -> { x = w ^ Op.MUL16S; ar[Op.aBits(x) & m] = (short) ar[Op.bBits(x) & m] * (short) ar[Op.cBits(x) & m]; }
                        case Op.MULL -> { x = w ^ Op.MULL; ar[Op.aBits(x) & m] = ar[Op.bBits(x) & m] * ar[Op.cBits(x) & m]; }
                        // Loads and stores: RAM/flash here, anything else (devices, unaligned, word-only
                        // memory, code pages, wait states, unmapped) through finishSlow. 16-bit
                        // accesses are made of 32- and 8-bit ones: the 16-bit accessors of
                        // MemorySegment are Java methods that C2 leaves as calls where rarely run.
                        case Op.L32I -> {
                            x = w ^ Op.L32I;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((addr & 3) != 0 || (e & Lx106Memory.SLOW_LOAD) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            ar[Op.aBits(x) & m] = RAW.get(INT_LE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK));
                        }
                        case Op.L32R -> {
                            x = w ^ Op.L32R;
                            int addr = (litbase & 1) != 0 ? (litbase & 0xFFFFF000) + Op.imm(x) : ((base + (Op.offsetBits(x) & Op.BLOCK_FIELD_MAX) + 3) & ~3) + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((e & Lx106Memory.SLOW_LOAD) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            ar[Op.aBits(x) & m] = RAW.get(INT_LE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK));
                        }
                        case Op.L8UI -> {
                            x = w ^ Op.L8UI;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((e & Lx106Memory.SLOW_SUBWORD_LOAD) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            ar[Op.aBits(x) & m] = RAW.get(JAVA_BYTE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK)) & 0xFF;
                        }
                        case Op.L16UI -> {
                            x = w ^ Op.L16UI;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((addr & 1) != 0 || (e & Lx106Memory.SLOW_SUBWORD_LOAD) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            ar[Op.aBits(x) & m] = RAW.get(INT_LE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK & ~3)) >>> ((addr & 2) << 3) & 0xFFFF;
                        }
                        case Op.L16SI -> {
                            x = w ^ Op.L16SI;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((addr & 1) != 0 || (e & Lx106Memory.SLOW_SUBWORD_LOAD) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            ar[Op.aBits(x) & m] = (short) (RAW.get(INT_LE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK & ~3)) >>> ((addr & 2) << 3));
                        }
                        case Op.S32I -> {
                            x = w ^ Op.S32I;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((addr & 3) != 0 || (e & Lx106Memory.SLOW_STORE) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            RAW.set(INT_LE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK), ar[Op.cBits(x) & m]);
                        }
                        case Op.S16I -> {
                            x = w ^ Op.S16I;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((addr & 1) != 0 || (e & Lx106Memory.SLOW_STORE) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            long h = (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK);
                            int v = ar[Op.cBits(x) & m];
                            RAW.set(JAVA_BYTE, h, (byte) v);
                            RAW.set(JAVA_BYTE, h + 1, (byte) (v >>> 8));
                        }
                        case Op.S8I -> {
                            x = w ^ Op.S8I;
                            int addr = ar[Op.bBits(x) & m] + Op.imm(x);
                            long e = access[addr >>> Lx106Memory.PAGE_BITS & pm];
                            if ((e & Lx106Memory.SLOW_STORE) != 0) { this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); return -i; }
                            RAW.set(JAVA_BYTE, (e & ~(long) PAGE_MASK) + (addr & PAGE_MASK), (byte) ar[Op.cBits(x) & m]);
                        }
                        // Jumps and calls (JUMP_PENALTY is in their static cost).
                        case Op.J -> {
                            x = w ^ Op.J;
                            int pc = base + (Op.offsetBits(x) & Op.BLOCK_FIELD_MAX);
                            next = pc + Op.imm(x);
                            if (next == pc && (ps & PS_EXCM) != 0 && (pc - vecbase ^ Integer.MIN_VALUE) < (0x80 ^ Integer.MIN_VALUE)) {
                                this.cycles = cycles - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX); // j . at a vector: see spinningInHandler
                                return -i;
                            }
                            break ended;
                        }
                        case Op.JX -> { x = w ^ Op.JX; next = ar[Op.bBits(x) & m]; break ended; }
                        case Op.CALL0 -> {
                            x = w ^ Op.CALL0;
                            int pc = base + (Op.offsetBits(x) & Op.BLOCK_FIELD_MAX);
                            ar[0] = pc + (Op.lengthBits(x) & 3);
                            next = (pc & ~3) + Op.imm(x) + 4;
                            break ended;
                        }
                        case Op.CALLX0 -> {
                            x = w ^ Op.CALLX0;
                            next = ar[Op.bBits(x) & m];
                            ar[0] = base + (Op.offsetBits(x) & Op.BLOCK_FIELD_MAX) + (Op.lengthBits(x) & 3);
                            break ended;
                        }
                        case Op.RET -> { next = ar[0]; break ended; }
                        // Conditional branches: go on when not taken (see the side exit below). Unsigned
                        // compares flip the sign bits (Integer.compareUnsigned is not trivially inlined).
                        case Op.BEQZ -> { x = w ^ Op.BEQZ; if (ar[Op.bBits(x) & m] == 0) break taken; }
                        case Op.BNEZ -> { x = w ^ Op.BNEZ; if (ar[Op.bBits(x) & m] != 0) break taken; }
                        case Op.BLTZ -> { x = w ^ Op.BLTZ; if (ar[Op.bBits(x) & m] < 0) break taken; }
                        case Op.BGEZ -> { x = w ^ Op.BGEZ; if (ar[Op.bBits(x) & m] >= 0) break taken; }
                        case Op.BEQI -> { x = w ^ Op.BEQI; if (ar[Op.bBits(x) & m] == Lx106Decoder.B4CONST[Op.cBits(x) & 15]) break taken; }
                        case Op.BNEI -> { x = w ^ Op.BNEI; if (ar[Op.bBits(x) & m] != Lx106Decoder.B4CONST[Op.cBits(x) & 15]) break taken; }
                        case Op.BLTI -> { x = w ^ Op.BLTI; if (ar[Op.bBits(x) & m] < Lx106Decoder.B4CONST[Op.cBits(x) & 15]) break taken; }
                        case Op.BGEI -> { x = w ^ Op.BGEI; if (ar[Op.bBits(x) & m] >= Lx106Decoder.B4CONST[Op.cBits(x) & 15]) break taken; }
                        case Op.BLTUI -> { x = w ^ Op.BLTUI; if ((ar[Op.bBits(x) & m] ^ Integer.MIN_VALUE) < (Lx106Decoder.B4CONSTU[Op.cBits(x) & 15] ^ Integer.MIN_VALUE)) break taken; }
                        case Op.BGEUI -> { x = w ^ Op.BGEUI; if ((ar[Op.bBits(x) & m] ^ Integer.MIN_VALUE) >= (Lx106Decoder.B4CONSTU[Op.cBits(x) & 15] ^ Integer.MIN_VALUE)) break taken; }
                        case Op.BNONE -> { x = w ^ Op.BNONE; if ((ar[Op.bBits(x) & m] & ar[Op.cBits(x) & m]) == 0) break taken; }
                        case Op.BANY -> { x = w ^ Op.BANY; if ((ar[Op.bBits(x) & m] & ar[Op.cBits(x) & m]) != 0) break taken; }
                        case Op.BALL -> { x = w ^ Op.BALL; if ((~ar[Op.bBits(x) & m] & ar[Op.cBits(x) & m]) == 0) break taken; }
                        case Op.BNALL -> { x = w ^ Op.BNALL; if ((~ar[Op.bBits(x) & m] & ar[Op.cBits(x) & m]) != 0) break taken; }
                        case Op.BEQ -> { x = w ^ Op.BEQ; if (ar[Op.bBits(x) & m] == ar[Op.cBits(x) & m]) break taken; }
                        case Op.BNE -> { x = w ^ Op.BNE; if (ar[Op.bBits(x) & m] != ar[Op.cBits(x) & m]) break taken; }
                        case Op.BLT -> { x = w ^ Op.BLT; if (ar[Op.bBits(x) & m] < ar[Op.cBits(x) & m]) break taken; }
                        case Op.BGE -> { x = w ^ Op.BGE; if (ar[Op.bBits(x) & m] >= ar[Op.cBits(x) & m]) break taken; }
                        case Op.BLTU -> { x = w ^ Op.BLTU; if ((ar[Op.bBits(x) & m] ^ Integer.MIN_VALUE) < (ar[Op.cBits(x) & m] ^ Integer.MIN_VALUE)) break taken; }
                        case Op.BGEU -> { x = w ^ Op.BGEU; if ((ar[Op.bBits(x) & m] ^ Integer.MIN_VALUE) >= (ar[Op.cBits(x) & m] ^ Integer.MIN_VALUE)) break taken; }
                        case Op.BBC -> { x = w ^ Op.BBC; if ((ar[Op.bBits(x) & m] & (1 << (ar[Op.cBits(x) & m] & 31))) == 0) break taken; }
                        case Op.BBS -> { x = w ^ Op.BBS; if ((ar[Op.bBits(x) & m] & (1 << (ar[Op.cBits(x) & m] & 31))) != 0) break taken; }
                        case Op.BBCI -> { x = w ^ Op.BBCI; if ((ar[Op.bBits(x) & m] & (1 << Op.aBits(x))) == 0) break taken; }
                        case Op.BBSI -> { x = w ^ Op.BBSI; if ((ar[Op.bBits(x) & m] & (1 << Op.aBits(x))) != 0) break taken; }
                        case Op.NOP -> { }
                        default -> { this.cycles = cycles - (Op.suffixBits(w) & Op.BLOCK_FIELD_MAX); return -i; } // system instructions
                    }
                } while (i < code.length);
                next = base + (Op.offsetBits(w) & Op.BLOCK_FIELD_MAX) + (Op.lengthBits(w) & 3); // the last instruction does not transfer control
                break ended;
            }
            // Conditional branch x was taken: a side exit, with the static cost of the
            // instructions not run taken back and the taken-branch penalty added.
            next = base + (Op.offsetBits(x) & Op.BLOCK_FIELD_MAX) + Op.imm(x);
            cycles += Lx106Timing.TAKEN_BRANCH_PENALTY - (Op.suffixBits(x) & Op.BLOCK_FIELD_MAX);
        }
        this.pc = next;
        this.cycles = cycles;
        this.lastWord = w;
        return i;
    }

    /**
     * Runs instruction {@code w} of the block at {@code base} that {@link #runBlock} left to a
     * slow path, from {@link #cycles} as of the instruction; leaves {@link #pc}, {@link #cycles}
     * and {@link #lastWord} after it (or after its exception).
     */
    final void finishSlow(long w, int base) {
        if (Lx106Block.accessesMemory(Op.op(w))) slowAccess(w, base);
        else system(w, base);
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
