package io.twinboard.emu.cpu.arm.timing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Block-level rules: load pipelining and the AGU stall (TRM DDI 0439B §3.3.2), IT folding,
 * taken/not-taken branches and P, prefix sums, divides, flash lines.
 * Blocks at 0x2000_0000 were assembled there (SRAM code); at 0x0800_0400 in flash.
 */
class BlockTimingTest {
    private static final int SRAM = 0x2000_0000;

    @Test
    void neighbouringLoadsPipeline() {
        assertEquals(3, Asm.block(SRAM,
            0x6808,            // ldr r0, [r1, #0]
            0x681a             // ldr r2, [r3, #0]
        ).staticCycles(), "LDR;LDR = 3");
        assertEquals(4, Asm.block(SRAM,
            0x6808,            // ldr r0, [r1, #0]
            0x681a,            // ldr r2, [r3, #0]
            0x682c             // ldr r4, [r5, #0]
        ).staticCycles(), "LDR;LDR;LDR = 4");
        assertEquals(4, Asm.block(SRAM,
            0x5948,            // ldr r0, [r1, r5]
            0x6811,            // ldr r1, [r2, #0]
            0x685a             // ldr r2, [r3, #4]
        ).staticCycles(), "TRM example: LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] - four cycles");
    }

    @Test
    void loadWhoseBaseIsThePreviousDestinationDoesNotPipeline() {
        BlockTiming b = Asm.block(SRAM,
            0x6808,            // ldr r0, [r1, #0]
            0x6801);           // ldr r1, [r0, #0]
        assertEquals(4, b.staticCycles());
        BlockTiming postIndexed = Asm.block(SRAM,
            0xf851, 0x0b04,    // ldr.w r0, [r1], #4
            0x680a);           // ldr r2, [r1, #0]   base written back by the previous load
        assertEquals(4, postIndexed.staticCycles());
    }

    @Test
    void storesAfterLoadsAndLoadsAfterStores() {
        assertEquals(3, Asm.block(SRAM,
            0x5888,            // ldr r0, [r1, r2]
            0x6158             // str r0, [r3, #20]
        ).staticCycles(), "TRM: LDR R0,[R1,R2]; STR R0,[R3,#20] - three cycles");
        assertEquals(3, Asm.block(SRAM,
            0x5888,            // ldr r0, [r1, r2]
            0x5099             // str r1, [r3, r2]
        ).staticCycles(), "TRM: LDR R0,[R1,R2]; STR R1,[R3,R2] - three cycles");
        assertEquals(3, Asm.block(SRAM,
            0x6008,            // str r0, [r1, #0]
            0x681a             // ldr r2, [r3, #0]
        ).staticCycles(), "nothing pipelines after a store: 1 + 2");
        assertEquals(4, Asm.block(SRAM,
            0x5088,            // str r0, [r1, r2]
            0x6823             // ldr r3, [r4, #0]
        ).staticCycles(), "register-offset STR 2, then a full LDR");
    }

    @Test
    void multipleAndDoubleTransfersDoNotPipeline() {
        assertEquals(3 + 2, Asm.block(SRAM,
            0xe890, 0x0006,    // ldmia.w r0, {r1, r2}
            0x6823             // ldr r3, [r4, #0]
        ).staticCycles());
        assertEquals(2 + 3, Asm.block(SRAM,
            0x6823,            // ldr r3, [r4, #0]
            0xe9d2, 0x0100     // ldrd r0, r1, [r2]
        ).staticCycles());
    }

    @Test
    void addressFromThePreviousAluResultStallsOneCycle() {
        BlockTiming b = Asm.block(SRAM,
            0x3104,            // adds r1, #4
            0x6808);           // ldr r0, [r1, #0]
        assertEquals(1, b.cyclesOf(0));
        assertEquals(3, b.cyclesOf(1));
        BlockTiming independent = Asm.block(SRAM,
            0x3204,            // adds r2, #4
            0x6808);           // ldr r0, [r1, #0]
        assertEquals(3, independent.staticCycles());
    }

    @Test
    void writtenBackStoreBaseIsNotForwarded() {
        assertEquals(1 + 2, Asm.block(SRAM,
            0xf841, 0x0b04,    // 20000000 str.w r0, [r1], #4
            0xf841, 0x2b04     // 20000004 str.w r2, [r1], #4
        ).staticCycles(), "back-to-back post-indexed stores on one base");
        assertEquals(1 + 1, Asm.block(SRAM + 8,
            0xf841, 0x0b04,    // 20000008 str.w r0, [r1], #4
            0xf843, 0x2b04     // 2000000c str.w r2, [r3], #4
        ).staticCycles(), "alternating bases chain");
    }

    @Test
    void itFoldsOntoAPreceding16BitInstructionOnly() {
        BlockTiming folded = Asm.block(SRAM,
            0x2800,            // cmp r0, #0
            0xbf08,            // it eq
            0x2101);           // moveq r1, #1
        assertEquals(0, folded.cyclesOf(1));
        assertEquals(2, folded.staticCycles());
        assertTrue(folded.instruction(2).isConditional(), "moveq is in the IT block");
        assertFalse(folded.instruction(0).isConditional());
        BlockTiming after32 = Asm.block(SRAM,
            0xf1b0, 0x0f00,    // cmp.w r0, #0
            0xbf08,            // it eq
            0x2101);           // moveq r1, #1
        assertEquals(1, after32.cyclesOf(1));
        assertEquals(3, after32.staticCycles());
        BlockTiming first = Asm.block(SRAM,
            0xbf08,            // it eq
            0x2101);           // moveq r1, #1
        assertEquals(1, first.cyclesOf(0), "nothing to fold onto at a block start");
    }

    @Test
    void conditionalLoopBranchTakenAndNotTaken() {
        BlockTiming loop = Asm.block(0x0800_0400,
            0x3801,            // 8000400 subs r0, #1
            0xd1fd);           // 8000402 bne.n 8000400
        assertEquals(2, loop.staticCycles(), "not taken: 1 + 1");
        assertTrue(loop.endsInBranch());
        assertTrue(loop.exitIsConditional());
        assertEquals(2, loop.takenBranchCycles(loop), "taken to a 16-bit target: P = 2, 1+P = 3");
        assertEquals(0, loop.takenBranchCycles(0x0800_0404, false), "fell through");
        assertFalse(loop.branchTaken(0x0800_0404));
        assertTrue(loop.branchTaken(0x0800_0400));
    }

    @Test
    void refillDependsOnTargetWidthAndAlignment() {
        BlockTiming b = Asm.block(0x0800_0400,
            0xe000);           // 8000400 b.n 8000404
        BlockTiming aligned32 = Asm.block(0x0800_0404,
            0xf100, 0x0001);   // 8000404 add.w r0, r0, #1
        BlockTiming unaligned32 = Asm.block(0x0800_0502,
            0xf100, 0x0001);   // 8000502 add.w r0, r0, #1
        BlockTiming unaligned16 = Asm.block(0x0800_0502,
            0xbf00);           // 8000502 nop
        assertEquals(1, b.staticCycles());
        assertEquals(2, b.takenBranchCycles(aligned32));
        assertEquals(3, b.takenBranchCycles(unaligned32), "wide target at a halfword address");
        assertEquals(2, b.takenBranchCycles(unaligned16));
        assertEquals(3, b.takenBranchCycles(0x0800_0502, true));
        assertFalse(b.exitIsConditional());
        assertTrue(b.branchTaken(0x0800_0404), "unconditional: taken even to the next address");
    }

    @Test
    void loadedTargetsPayTheFullRefill() {
        BlockTiming target = Asm.block(0x0800_0600, 0xbf00);  // nop
        BlockTiming pop = Asm.block(0x0800_0400,
            0xbd10);           // pop {r4, pc}
        assertEquals(3, pop.staticCycles(), "1 + N");
        assertEquals(3, pop.takenBranchCycles(target), "1 + N + P = 6");
        BlockTiming tbb = Asm.block(0x0800_0400,
            0xe8df, 0xf000);   // tbb [pc, r0]
        assertEquals(6, tbb.staticCycles() + tbb.takenBranchCycles(target), "TBB >= 6 (TRM §3.3.2)");
        BlockTiming ldrPc = Asm.block(0x0800_0400,
            0xf8d1, 0xf000);   // ldr.w pc, [r1]
        assertEquals(5, ldrPc.staticCycles() + ldrPc.takenBranchCycles(target), "LDR PC >= 5");
    }

    @Test
    void compareAndBranch() {
        BlockTiming cbz = Asm.block(0x0800_0400,
            0xb100);           // 8000400 cbz r0, 8000404
        BlockTiming target = Asm.block(0x0800_0404, 0xbf00);
        assertEquals(1, cbz.staticCycles());
        assertTrue(cbz.exitIsConditional());
        assertEquals(2, cbz.takenBranchCycles(target), "taken: skips the nop at 0x8000402");
        assertEquals(0, cbz.takenBranchCycles(Asm.block(0x0800_0402, 0xbf00)), "fell through");
    }

    @Test
    void prefixSumsAndIndexLookup() {
        BlockTiming b = Asm.block(0x0800_0400,
            0x6841,            // 8000400 ldr r1, [r0, #4]      2
            0xf041, 0x0101,    // 8000402 orr.w r1, r1, #1      1
            0x6041,            // 8000406 str r1, [r0, #4]      1
            0x6882,            // 8000408 ldr r2, [r0, #8]      2
            0x601a,            // 800040a str r2, [r3, #0]      1
            0x6841,            // 800040c ldr r1, [r0, #4]      2
            0xb470,            // 800040e push {r4, r5, r6}     4
            0xe890, 0x000e,    // 8000410 ldmia.w r0, {r1, r2, r3} 4
            0x4d01,            // 8000414 ldr r5, [pc, #4]      2
            0x5481,            // 8000416 strb r1, [r0, r2]     1 (register-offset store pipelined behind the load)
            0x4770);           // 8000418 bx lr                 1
        int[] expected = {0, 2, 3, 4, 6, 7, 9, 13, 17, 19, 20, 21};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], b.cyclesBefore(i), "before " + i);
        assertEquals(21, b.staticCycles());
        assertEquals(11, b.instructionCount());
        assertEquals(5, b.indexOf(0x0800_040C));
        assertEquals(5, b.indexOf(0x0800_040D), "Thumb bit ignored");
        assertEquals(-1, b.indexOf(0x0800_0404), "middle of a 32-bit instruction");
        assertEquals(1, b.literalLoadCount());
        assertEquals(0x0800_041C, b.literalAddress(0));
    }

    @Test
    void dividesAreListedWithOperandStability() {
        BlockTiming b = Asm.block(0x0800_0400,
            0xfbb1, 0xf0f2,    // 8000400 udiv r0, r1, r2
            0x3101,            // 8000404 adds r1, #1
            0xfb91, 0xf3f2,    // 8000406 sdiv r3, r1, r2
            0xfbb5, 0xf4f6,    // 800040a udiv r4, r5, r6
            0x4770);           // 800040e bx lr
        assertEquals(3, b.divideCount());
        assertEquals(0, b.divideIndex(0));
        assertEquals(2, b.divideIndex(1));
        assertEquals(3, b.divideIndex(2));
        assertTrue(b.divideOperandsStable(0));
        assertFalse(b.divideOperandsStable(1), "r1 changed by adds");
        assertTrue(b.divideOperandsStable(2));
        assertEquals(2 + 1 + 2 + 2 + 1, b.staticCycles(), "divides at their minimum");
        int[] r = Asm.regs(0, 0xFFFF_FFFF, 1, 0, 0, 100, 0);
        int extra = b.stableDivideExtraCycles(n -> r[n]);
        assertEquals((DivideTiming.divideCycles(0xFFFF_FFFF, 1, false) - 2)
                + (DivideTiming.divideCycles(100, 0, false) - 2), extra);
        assertEquals(10, extra, "0xFFFFFFFF/1 is the slowest; /0 is the fastest");
        assertEquals(10, b.stableDivideExtraCycles(n -> r[n], 1), "only the divide before index 1");
        assertEquals(0, b.stableDivideExtraCycles(n -> r[n], 0));
    }

    @Test
    void flashLinesAndCyclesPerLine() {
        BlockTiming b = Asm.block(0x0800_040C,
            0x6841,            // 800040c ldr r1, [r0, #4]  (line 0x8000400)
            0xf041, 0x0101,    // 800040e orr.w r1, r1, #1  (line 0x8000400)
            0x6041,            // 8000412 str r1, [r0, #4]  (line 0x8000410)
            0x4770);           // 8000414 bx lr             (line 0x8000410)
        assertEquals(2, b.flashLineCount());
        assertEquals(0x0800_0400, b.flashLine(0));
        assertEquals(0x0800_0410, b.flashLine(1));
        assertEquals(3, b.lineCycles(0));
        assertEquals(2, b.lineCycles(1));
    }

    @Test
    void decodeFromBytesMatchesDecodeFromHalfwords() {
        byte[] code = {0x01, 0x38, (byte) 0xfd, (byte) 0xd1}; // subs r0, #1 ; bne.n .-2
        BlockTiming b = BlockTiming.decode(0x0800_0401, code, 4);
        assertEquals(0x0800_0400, b.address(), "Thumb bit stripped");
        assertEquals(2, b.instructionCount());
        assertEquals(0x0800_0400, b.instruction(1).branchTarget());
    }
}
