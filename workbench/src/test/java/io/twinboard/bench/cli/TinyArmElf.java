package io.twinboard.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hand-assembled Cortex-M4 programs for nucleo-f429zi, written as ELF files by the test, for the
 * stop reasons the real images do not reach (a chosen exit code, a fault, sleeping forever).
 * The code was assembled with {@code arm-none-eabi-as -mthumb} (tests need no toolchain):
 * <pre>
 *   0x40 exit:  movs r0, #0x20 ; adr r1, block ; bkpt 0xab ; b .     SYS_EXIT_EXTENDED
 *   0x48 block: .word 0x20026 (ADP_Stopped_ApplicationExit), CODE
 *   0x50 loop:  b .
 *   0x52 fault: udf #0                                                 HardFault (forced)
 *   0x54 idle:  wfi ; b idle                                           nothing ever wakes it
 *   0x58 handler: b .                                                  every exception vector
 * </pre>
 * The image also has a {@code __provisioning_start} symbol, so {@code run --broker} accepts it.
 */
enum TinyArmElf {
    EXIT(0x40), LOOP(0x50), FAULT(0x52), IDLE(0x54);

    static final long FLASH = 0x0800_0000L;
    private static final int HANDLER = 0x58, CODE_END = 0x5A, PROVISIONING = 0x1_0000;
    private static final short[] CODE = {
            0x2020, (short) 0xA101, (short) 0xBEAB, (short) 0xE7FE,   // exit
            0, 0, 0, 0,                                               // block (filled in)
            (short) 0xE7FE,                                           // loop
            (short) 0xDE00,                                           // fault
            (short) 0xBF30, (short) 0xE7FD,                           // idle
            (short) 0xE7FE,                                           // handler
    };

    private final int entry;

    TinyArmElf(int entry) { this.entry = entry; }

    /** Writes this program (EXIT exits with {@code exitCode}) as {@code dir/<name>.elf}. */
    Path write(Path dir, int exitCode) throws IOException {
        Path f = dir.resolve(name().toLowerCase() + ".elf");
        Files.write(f, elf(exitCode));
        return f;
    }

    Path write(Path dir) throws IOException { return write(dir, 0); }

    private byte[] elf(int exitCode) {
        ByteBuffer text = ByteBuffer.allocate(CODE_END).order(ByteOrder.LITTLE_ENDIAN);
        text.putInt(0, 0x2000_1000);                                  // initial SP
        text.putInt(4, (int) FLASH + entry + 1);                      // reset (Thumb)
        for (int v = 2; v < 16; v++) text.putInt(4 * v, (int) FLASH + HANDLER + 1);
        for (int i = 0; i < CODE.length; i++) text.putShort(0x40 + 2 * i, CODE[i]);
        text.putInt(0x48, 0x20026).putInt(0x4C, exitCode);

        String[] names = {"", name().toLowerCase(), "__provisioning_start"};
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        int[] nameOffset = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            nameOffset[i] = strtab.size();
            strtab.writeBytes((names[i] + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        int textOff = 0x60, symOff = textOff + 0x60, strOff = symOff + 16 * names.length, shOff = (strOff + strtab.size() + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(shOff + 40 * 3).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7F, 'E', 'L', 'F', 1, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 40 /* EM_ARM */).putInt(20, 1).putInt(24, (int) FLASH + entry + 1)
                .putInt(28, 0x34).putInt(32, shOff).putShort(40, (short) 52).putShort(42, (short) 32).putShort(44, (short) 1)
                .putShort(46, (short) 40).putShort(48, (short) 3).putShort(50, (short) 0);
        b.putInt(0x34, 1).putInt(0x38, textOff).putInt(0x3C, (int) FLASH).putInt(0x40, (int) FLASH)
                .putInt(0x44, CODE_END).putInt(0x48, CODE_END).putInt(0x4C, 5);   // PT_LOAD, R+X
        b.put(textOff, text.array());
        // symbols: null, the program (FUNC, Thumb), the provisioning area (OBJECT)
        b.putInt(symOff + 16 + 0, nameOffset[1]).putInt(symOff + 16 + 4, (int) FLASH + entry + 1).put(symOff + 16 + 12, (byte) 0x12)
                .putShort(symOff + 16 + 14, (short) 1);
        b.putInt(symOff + 32 + 0, nameOffset[2]).putInt(symOff + 32 + 4, (int) FLASH + PROVISIONING).put(symOff + 32 + 12, (byte) 0x11)
                .putShort(symOff + 32 + 14, (short) 0xFFF1);
        b.put(strOff, strtab.toByteArray());
        int sh1 = shOff + 40, sh2 = shOff + 80;
        b.putInt(sh1 + 4, 2).putInt(sh1 + 16, symOff).putInt(sh1 + 20, 16 * names.length).putInt(sh1 + 24, 2).putInt(sh1 + 36, 16);
        b.putInt(sh2 + 4, 3).putInt(sh2 + 16, strOff).putInt(sh2 + 20, strtab.size());
        return b.array();
    }
}
