package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Finding the instruction behind a mid-block MMIO access from current register values. */
class AccessAttributionTest {
    private static final int PERIPH = 0x4000_4400; // USART2
    private static final int RAM = 0x2000_1000;
    private static final int SP = 0x2002_FFF0;

    /** Assembled at 0x08000400 (arm-none-eabi-as -mcpu=cortex-m4 -mthumb). */
    private static final BlockTiming BLOCK = Asm.block(0x0800_0400,
        0x6841,            // 0 8000400 ldr r1, [r0, #4]
        0xf041, 0x0101,    // 1 8000402 orr.w r1, r1, #1
        0x6041,            // 2 8000406 str r1, [r0, #4]
        0x6882,            // 3 8000408 ldr r2, [r0, #8]
        0x601a,            // 4 800040a str r2, [r3, #0]
        0x6841,            // 5 800040c ldr r1, [r0, #4]
        0xb470,            // 6 800040e push {r4, r5, r6}
        0xe890, 0x000e,    // 7 8000410 ldmia.w r0, {r1, r2, r3}
        0x4d01,            // 8 8000414 ldr r5, [pc, #4]
        0x5481,            // 9 8000416 strb r1, [r0, r2]
        0x4770);           // 10 8000418 bx lr

    private static int[] regs() {
        int[] r = Asm.regs(PERIPH, 0, 0, RAM);
        r[13] = SP;
        return r;
    }

    @Test
    void readModifyWriteOfTheSameRegisterIsTellApartByDirection() {
        int[] r = regs();
        assertEquals(0, BLOCK.findAccessIndex(PERIPH + 4, 4, false, 0, r));
        assertEquals(2, BLOCK.findAccessIndex(PERIPH + 4, 4, true, 0, r));
    }

    @Test
    void repeatedReadsOfOneAddressFollowTheSearchStart() {
        int[] r = regs();
        int first = BLOCK.findAccessIndex(PERIPH + 4, 4, false, 0, r);
        assertEquals(0, first);
        int next = BLOCK.searchIndexAfter(first, PERIPH + 4, 4, n -> r[n]);
        assertEquals(1, next);
        assertEquals(5, BLOCK.findAccessIndex(PERIPH + 4, 4, false, next, r),
                "the second read of USART2+4 is instruction 5");
        assertEquals(3, BLOCK.findAccessIndex(PERIPH + 8, 4, false, 0, r));
    }

    @Test
    void multipleTransfersMatchEveryElementAndKeepTheirIndex() {
        int[] r = regs();
        for (int k = 0; k < 3; k++) {
            int at = PERIPH + 4 * k;
            int found = BLOCK.findAccessIndex(at, 4, false, 7, r);
            assertEquals(7, found, "ldm element " + k);
            int next = BLOCK.searchIndexAfter(found, at, 4, n -> r[n]);
            assertEquals(k < 2 ? 7 : 8, next);
        }
        assertEquals(6, BLOCK.findAccessIndex(SP - 12, 4, true, 0, r), "push writes below SP");
        assertEquals(6, BLOCK.findAccessIndex(SP - 4, 4, true, 0, r));
        assertEquals(-1, BLOCK.findAccessIndex(SP, 4, true, 0, r), "push does not write at SP");
    }

    @Test
    void literalAndRegisterOffsetAccesses() {
        int[] r = regs();
        assertEquals(8, BLOCK.findAccessIndex(0x0800_041C, 4, false, 0, r), "literal pool load");
        r[2] = 0x10;
        assertEquals(9, BLOCK.findAccessIndex(PERIPH + 0x10, 1, true, 0, r), "strb [r0, r2]");
        assertEquals(4, BLOCK.findAccessIndex(RAM, 4, true, 0, r));
        assertEquals(-1, BLOCK.findAccessIndex(PERIPH + 0x100, 4, false, 0, r));
        assertEquals(-1, BLOCK.findAccessIndex(PERIPH + 0xA, 4, false, 0, r),
                "a word access that straddles two instructions' words matches neither");
        assertEquals(0, BLOCK.findAccessIndex(PERIPH + 6, 2, false, 0, r), "sub-access inside the word");
    }

    @Test
    void operatorAndSnapshotFormsAgree() {
        int[] r = regs();
        for (int addr : new int[] {PERIPH, PERIPH + 4, PERIPH + 8, RAM, SP - 8, 0x0800_041C}) {
            for (boolean w : new boolean[] {false, true}) {
                assertEquals(BLOCK.findAccessIndex(addr, 4, w, 0, r),
                        BLOCK.findAccessIndex(addr, 4, w, 0, n -> r[n]), Integer.toHexString(addr));
            }
        }
    }

    @Test
    void cyclesBeforeTheAccessingInstructionGiveTheMidBlockCount() {
        int[] r = regs();
        int i = BLOCK.findAccessIndex(PERIPH + 8, 4, false, 0, r);
        // ldr 2, orr 1, str 1 -> the read of USART2+8 starts after 4 cycles of this block
        assertEquals(4, BLOCK.cyclesBefore(i));
    }
}
