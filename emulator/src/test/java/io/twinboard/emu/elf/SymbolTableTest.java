package io.twinboard.emu.elf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SymbolTableTest {
    /** A label in .text (ends at 0x08000100), a sized function, an absolute linker symbol. */
    private static final SymbolTable SYMBOLS = new SymbolTable(List.of(
            new SymbolTable.Symbol("Reset_Handler", 0x08000009L, 0, true, 0x08000100L),
            new SymbolTable.Symbol("main", 0x08000201L, 0x40, true, 0x08001000L),
            new SymbolTable.Symbol("__stack_top", 0x20030000L, 0, false, 0x20030001L)));

    @Test
    void labelsCoverTheirSectionUpToTheNextSymbol() {
        assertEquals("0x08000010 <Reset_Handler+0x8>", SYMBOLS.describe(0x08000010L));
        assertEquals("0x08000180", SYMBOLS.describe(0x08000180L), "past the label's section");
        assertEquals("0x08000204 <main+0x4>", SYMBOLS.describe(0x08000204L));
        assertEquals("0x08000244", SYMBOLS.describe(0x08000244L), "past main's size");
    }

    @Test
    void wildAddressesAreNotNamedAfterTheLastSymbolBelow() {
        assertEquals("0x20030000 <__stack_top>", SYMBOLS.describe(0x20030000L));
        assertEquals("0xfffffffe", SYMBOLS.describe(0xFFFFFFFEL), "an EXC_RETURN-like LR");
        assertEquals("0xe7fe6800", SYMBOLS.describe(0xE7FE6800L));
    }

    @Test
    void elfLabelsGetTheirSectionsEnd() throws Exception {
        ElfImage img = ElfImage.parse(java.nio.file.Path.of("tiny.elf"), ElfImageTest.tinyArmElf(ElfImage.EM_ARM));
        assertEquals("0x0800000a <main+0x2>", img.symbols().describe(0x0800000AL));
        assertEquals("0x0800f000", img.symbols().describe(0x0800F000L));
    }
}
