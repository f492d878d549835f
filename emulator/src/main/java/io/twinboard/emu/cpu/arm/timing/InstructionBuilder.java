package io.twinboard.emu.cpu.arm.timing;

import static io.twinboard.emu.cpu.arm.timing.ThumbInstruction.NONE;

/** Mutable scratch record used while decoding one instruction (decode time only). */
final class InstructionBuilder {
    final int address;
    final int length;
    final int encoding;
    TimingClass timingClass = TimingClass.DATA_PROCESSING;
    int cycles = 1;
    int flags;
    int branchTarget;
    int memSize;
    int base = NONE;
    int offset;
    int index = NONE;
    int shift;
    int count;
    int list;
    int literal;
    int written;
    int dividend = NONE;
    int divisor = NONE;

    InstructionBuilder(int address, int length, int encoding) {
        this.address = address;
        this.length = length;
        this.encoding = encoding;
    }

    /** ALU/multiplier result written to register rd (PC makes it a branch, 1+P). */
    InstructionBuilder alu(TimingClass cls, int rd) {
        timingClass = cls;
        cycles = 1;
        flags |= ThumbInstruction.F_ALU_RESULT;
        writes(rd);
        return this;
    }

    InstructionBuilder writes(int reg) {
        if (reg < 0) return this;
        written |= 1 << reg;
        if (reg == 15) flags |= ThumbInstruction.F_BRANCH | ThumbInstruction.F_WRITES_PC;
        return this;
    }

    InstructionBuilder cls(TimingClass c, int cyc) {
        timingClass = c;
        cycles = cyc;
        return this;
    }

    InstructionBuilder flag(int f) {
        flags |= f;
        return this;
    }

    /** Direct branch to {@code target}. */
    InstructionBuilder branch(TimingClass c, int target, boolean conditional) {
        timingClass = c;
        cycles = 1;
        branchTarget = target;
        flags |= ThumbInstruction.F_BRANCH | ThumbInstruction.F_WRITES_PC;
        if (conditional) flags |= ThumbInstruction.F_CONDITIONAL;
        written |= 1 << 15;
        return this;
    }

    /**
     * Single load/store. {@code rt} is the transferred register; loads write it (PC: LDR PC,
     * 2+P). Immediate-offset stores cost 1, all other single transfers 2.
     */
    InstructionBuilder single(boolean load, int size, int rt, int rn, int imm, int rm, int sh,
                              boolean pre, boolean wback) {
        memSize = size;
        count = 1;
        list = rt >= 0 ? 1 << rt : 0;
        base = rn;
        offset = imm;
        index = rm;
        shift = sh;
        if (pre) flags |= ThumbInstruction.F_PRE_INDEXED;
        if (rm != NONE) flags |= ThumbInstruction.F_REGISTER_OFFSET;
        if (wback) {
            flags |= ThumbInstruction.F_WRITEBACK;
            writes(rn);
        }
        if (load) {
            flags |= ThumbInstruction.F_LOAD;
            timingClass = TimingClass.LOAD;
            cycles = 2;
            writes(rt);
            if (rt == 15) flags |= ThumbInstruction.F_LOADED_TARGET;
        } else {
            flags |= ThumbInstruction.F_STORE;
            timingClass = TimingClass.STORE;
            cycles = rm == NONE ? 1 : 2;
        }
        if (rn == 15 && rm == NONE) {
            flags |= ThumbInstruction.F_PC_RELATIVE;
            literal = ((address + 4) & ~3) + imm;
        }
        return this;
    }

    /** LDM/STM/PUSH/POP: 1+N; PC in a load list makes it a loaded-target branch. */
    InstructionBuilder multiple(boolean load, int rn, int regList, boolean decrementBefore,
                                boolean wback) {
        regList &= 0xFFFF;
        memSize = 4;
        count = Integer.bitCount(regList);
        list = regList;
        base = rn;
        timingClass = load ? TimingClass.LOAD_MULTIPLE : TimingClass.STORE_MULTIPLE;
        cycles = 1 + count;
        flags |= load ? ThumbInstruction.F_LOAD : ThumbInstruction.F_STORE;
        if (decrementBefore) flags |= ThumbInstruction.F_DECREMENT_BEFORE;
        if (wback) {
            flags |= ThumbInstruction.F_WRITEBACK;
            writes(rn);
        }
        if (load) {
            for (int r = 0; r < 16; r++) if ((regList & (1 << r)) != 0) writes(r);
            if ((regList & 0x8000) != 0) flags |= ThumbInstruction.F_LOADED_TARGET;
        }
        return this;
    }

    InstructionBuilder undefined() {
        timingClass = TimingClass.UNDEFINED;
        cycles = 1;
        flags |= ThumbInstruction.F_UNDEFINED;
        return this;
    }

    ThumbInstruction build() {
        return new ThumbInstruction(address, length, encoding, timingClass, cycles, flags,
                branchTarget, memSize, base, offset, index, shift, count, list, literal, written,
                dividend, divisor);
    }
}
