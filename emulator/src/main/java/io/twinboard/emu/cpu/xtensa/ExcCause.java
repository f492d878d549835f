package io.twinboard.emu.cpu.xtensa;

/** EXCCAUSE values used by the LX106 (Xtensa ISA Reference Manual, table "Exception Causes"). */
public final class ExcCause {
    private ExcCause() {}

    public static final int ILLEGAL_INSTRUCTION = 0;
    public static final int SYSCALL = 1;
    public static final int INSTRUCTION_FETCH_ERROR = 2;
    public static final int LOAD_STORE_ERROR = 3;
    public static final int LEVEL1_INTERRUPT = 4;
    public static final int LOAD_STORE_ALIGNMENT = 9;
    public static final int INSTR_PIF_DATA_ERROR = 12;
    public static final int LOAD_STORE_PIF_DATA_ERROR = 13;
    public static final int INSTR_PIF_ADDR_ERROR = 14;
    public static final int LOAD_STORE_PIF_ADDR_ERROR = 15;

    public static String name(int cause) {
        return switch (cause) {
            case ILLEGAL_INSTRUCTION -> "IllegalInstructionCause";
            case SYSCALL -> "SyscallCause";
            case INSTRUCTION_FETCH_ERROR -> "InstructionFetchErrorCause";
            case LOAD_STORE_ERROR -> "LoadStoreErrorCause";
            case LEVEL1_INTERRUPT -> "Level1InterruptCause";
            case LOAD_STORE_ALIGNMENT -> "LoadStoreAlignmentCause";
            case INSTR_PIF_DATA_ERROR -> "InstrPIFDataErrorCause";
            case LOAD_STORE_PIF_DATA_ERROR -> "LoadStorePIFDataErrorCause";
            case INSTR_PIF_ADDR_ERROR -> "InstrPIFAddrErrorCause";
            case LOAD_STORE_PIF_ADDR_ERROR -> "LoadStorePIFAddrErrorCause";
            default -> "cause " + cause;
        };
    }
}
