package io.twinboard.emu.elf;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ElfImageTest {
    /** A minimal ARM ELF32 executable with one PT_LOAD segment and a symbol table, built in memory. */
    static byte[] tinyArmElf(int machine) {
        ByteBuffer b = ByteBuffer.allocate(0x200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7F, 'E', 'L', 'F', 1, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) machine).putInt(20, 1).putInt(24, 0x08000009);
        b.putInt(28, 0x34).putInt(32, 0x80).putShort(40, (short) 52).putShort(42, (short) 32).putShort(44, (short) 1)
                .putShort(46, (short) 40).putShort(48, (short) 3).putShort(50, (short) 0);
        // PT_LOAD: 8 bytes at file 0x60 to 0x08000000, 16 bytes in memory, R+X.
        b.putInt(0x34, 1).putInt(0x38, 0x60).putInt(0x3C, 0x08000000).putInt(0x40, 0x08000000).putInt(0x44, 8).putInt(0x48, 16).putInt(0x4C, 5);
        b.put(0x60, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        // Section 1: SYMTAB at 0x100 (2 entries: null + main), link to section 2 (STRTAB at 0x140).
        int sh1 = 0x80 + 40, sh2 = 0x80 + 80;
        b.putInt(sh1 + 4, 2).putInt(sh1 + 16, 0x100).putInt(sh1 + 20, 32).putInt(sh1 + 24, 2).putInt(sh1 + 36, 16);
        b.putInt(sh2 + 4, 3).putInt(sh2 + 16, 0x140).putInt(sh2 + 20, 6);
        b.putInt(0x110, 1).putInt(0x114, 0x08000009).putInt(0x118, 6).put(0x11C, (byte) 0x12).putShort(0x11E, (short) 1);
        b.put(0x140, new byte[]{0, 'm', 'a', 'i', 'n', 0});
        return b.array();
    }

    @Test
    void parsesSegmentsEntryAndThumbSymbols() throws Exception {
        ElfImage img = ElfImage.parse(Path.of("tiny.elf"), tinyArmElf(ElfImage.EM_ARM));
        assertEquals(ElfImage.EM_ARM, img.machine());
        assertEquals(0x08000009L, img.entry());
        assertEquals(1, img.segments().size());
        assertEquals(16, img.segments().get(0).memSize());
        assertEquals("0x0800000a <main+0x2>", img.symbols().describe(0x0800000A));
        assertEquals("0x09000000", img.symbols().describe(0x09000000));
    }

    @Test
    void rejectsBadInputWithOneLineReasons() {
        byte[] good = tinyArmElf(ElfImage.EM_ARM);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfImage.parse(Path.of("x.txt"), "hello".getBytes()));
        assertEquals("x.txt: not an ELF file", e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(good, 0x64);
        assertTrue(assertThrows(ElfFormatException.class, () -> ElfImage.parse(Path.of("t.elf"), truncated)).getMessage().contains("truncated"));
        byte[] sixtyFour = good.clone();
        sixtyFour[4] = 2;
        assertTrue(assertThrows(ElfFormatException.class, () -> ElfImage.parse(Path.of("a.elf"), sixtyFour)).getMessage().contains("64-bit"));
        assertTrue(assertThrows(ElfFormatException.class, () -> ElfImage.load(Path.of("/nonexistent/fw.elf"))).getMessage().contains("no such file"));
    }
}
