package io.twinboard.emu.cpu.arm.timing;

import static io.twinboard.emu.cpu.arm.timing.ThumbInstruction.NONE;
import static io.twinboard.emu.cpu.arm.timing.TimingClass.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoder classes and base cycles against Cortex-M4 TRM DDI 0439B table 3-1. */
class ThumbDecoderTest {

    private static void expect(List<ThumbInstruction> got, Object... classAndCycles) {
        assertEquals(classAndCycles.length / 2, got.size(), "instruction count");
        for (int i = 0; i < got.size(); i++) {
            ThumbInstruction ins = got.get(i);
            assertEquals(classAndCycles[2 * i], ins.timingClass(), "class of " + ins);
            assertEquals(classAndCycles[2 * i + 1], ins.baseCycles(), "cycles of " + ins);
        }
    }

    @Test
    void dataProcessingMultiplyDivide() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0100,
            0x1888,            // 8000100 adds r0, r1, r2
            0x23c8,            // 8000102 movs r3, #200
            0x2801,            // 8000104 cmp r0, #1
            0xeb01, 0x00c2,    // 8000106 add.w r0, r1, r2, lsl #3
            0xf241, 0x2034,    // 800010a movw r0, #4660
            0xf2c5, 0x6078,    // 800010e movt r0, #22136
            0xfab1, 0xf081,    // 8000112 clz r0, r1
            0xf3c1, 0x00c4,    // 8000116 ubfx r0, r1, #3, #5
            0xf361, 0x200b,    // 800011a bfi r0, r1, #8, #4
            0xba08,            // 800011e rev r0, r1
            0xb2da,            // 8000120 uxtb r2, r3
            0xfa0f, 0xf283,    // 8000122 sxth.w r2, r3
            0xfa82, 0xf081,    // 8000126 qadd r0, r1, r2
            0xfa81, 0xf042,    // 800012a uadd8 r0, r1, r2
            0xfaa1, 0xf082,    // 800012e sel r0, r1, r2
            0xf301, 0x0007,    // 8000132 ssat r0, #8, r1
            0x0088,            // 8000136 lsls r0, r1, #2
            0xfa01, 0xf002,    // 8000138 lsl.w r0, r1, r2
            0xa010,            // 800013c add r0, pc, #64   (adr)
            0xa804,            // 800013e add r0, sp, #16
            0xb082,            // 8000140 sub sp, #8
            0x46c8,            // 8000142 mov r8, r9
            0x4440,            // 8000144 add r0, r8
            0x4348,            // 8000146 muls r0, r1
            0xfb01, 0xf002,    // 8000148 mul.w r0, r1, r2
            0xfb01, 0x3002,    // 800014c mla r0, r1, r2, r3
            0xfb01, 0x3012,    // 8000150 mls r0, r1, r2, r3
            0xfba2, 0x0103,    // 8000154 umull r0, r1, r2, r3
            0xfbc2, 0x0103,    // 8000158 smlal r0, r1, r2, r3
            0xfb11, 0x3002,    // 800015c smlabb r0, r1, r2, r3
            0xfb51, 0xf002,    // 8000160 smmul r0, r1, r2
            0xfb21, 0x3002,    // 8000164 smlad r0, r1, r2, r3
            0xfbe2, 0x0163,    // 8000168 umaal r0, r1, r2, r3
            0xfbb1, 0xf0f2,    // 800016c udiv r0, r1, r2
            0xfb94, 0xf3f5,    // 8000170 sdiv r3, r4, r5
            0x4208,            // 8000174 tst r0, r1
            0xf5b0, 0x7f7a,    // 8000176 cmp.w r0, #1000
            0xea90, 0x0f01);   // 800017a teq r0, r1
        expect(l,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1,
            MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1,
            DIVIDE, 2, DIVIDE, 2,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1);
        assertEquals(1 << 0, l.get(0).writtenRegisters());
        assertEquals(1 << 13, l.get(20).writtenRegisters(), "sub sp writes SP");
        assertEquals(1 << 8, l.get(21).writtenRegisters(), "mov r8, r9");
        assertEquals(0, l.get(2).writtenRegisters(), "cmp writes no register");
        assertEquals((1 << 0) | (1 << 1), l.get(27).writtenRegisters(), "umull RdLo, RdHi");
        ThumbInstruction udiv = l.get(33), sdiv = l.get(34);
        assertEquals(1, udiv.dividendRegister());
        assertEquals(2, udiv.divisorRegister());
        assertFalse(udiv.isSignedDivide());
        assertEquals(4, sdiv.dividendRegister());
        assertEquals(5, sdiv.divisorRegister());
        assertTrue(sdiv.isSignedDivide());
        assertEquals(1 << 3, sdiv.writtenRegisters());
        for (int i : new int[] {35, 36, 37}) assertEquals(0, l.get(i).writtenRegisters(), "compare " + i);
        for (ThumbInstruction ins : l) {
            assertFalse(ins.isBranch(), ins.toString());
            assertFalse(ins.isMemoryAccess(), ins.toString());
        }
    }

    @Test
    void loadsStoresAndTheirAddressing() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0200,
            0x6848,            // 8000200 ldr r0, [r1, #4]
            0x5888,            // 8000202 ldr r0, [r1, r2]
            0xf851, 0x0022,    // 8000204 ldr.w r0, [r1, r2, lsl #2]
            0xf851, 0x0b04,    // 8000208 ldr.w r0, [r1], #4
            0xf851, 0x0d08,    // 800020c ldr.w r0, [r1, #-8]!
            0x78c8,            // 8000210 ldrb r0, [r1, #3]
            0x5e88,            // 8000212 ldrsh r0, [r1, r2]
            0xf8b1, 0x0064,    // 8000214 ldrh.w r0, [r1, #100]
            0x9802,            // 8000218 ldr r0, [sp, #8]
            0x6048,            // 800021a str r0, [r1, #4]
            0x5088,            // 800021c str r0, [r1, r2]
            0xf801, 0x0c01,    // 800021e strb.w r0, [r1, #-1]
            0x9003,            // 8000222 str r0, [sp, #12]
            0x5288,            // 8000224 strh r0, [r1, r2]
            0x4802,            // 8000226 ldr r0, [pc, #8]
            0xf85f, 0x0004,    // 8000228 ldr.w r0, [pc, #-4]
            0xe9d2, 0x0102,    // 800022c ldrd r0, r1, [r2, #8]
            0xe962, 0x0102,    // 8000230 strd r0, r1, [r2, #-8]!
            0xe9df, 0x2304,    // 8000234 ldrd r2, r3, [pc, #16]
            0xe851, 0x0f01,    // 8000238 ldrex r0, [r1, #4]
            0xe841, 0x0200,    // 800023c strex r2, r0, [r1]
            0xe8d1, 0x0f4f,    // 8000240 ldrexb r0, [r1]
            0xf851, 0x0e04,    // 8000244 ldrt r0, [r1, #4]
            0xf890, 0xf020,    // 8000248 pld [r0, #32]
            0xc80e,            // 800024c ldmia r0!, {r1, r2, r3}
            0xc803,            // 800024e ldmia r0, {r0, r1}
            0xc006,            // 8000250 stmia r0!, {r1, r2}
            0xb510,            // 8000252 push {r4, lr}
            0xe92d, 0x4ff0,    // 8000254 stmdb sp!, {r4-fp, lr}  (push.w)
            0xe900, 0x000e,    // 8000258 stmdb r0, {r1, r2, r3}
            0xbc30,            // 800025c pop {r4, r5}
            0xed90, 0x0a02,    // 800025e vldr s0, [r0, #8]
            0xed01, 0x1b04,    // 8000262 vstr d1, [r1, #-16]
            0xed2d, 0x8a04,    // 8000266 vpush {s16-s19}
            0xecbd, 0x8b04,    // 800026a vpop {d8-d9}
            0xed9f, 0x1a03,    // 800026e vldr s2, [pc, #12]
            0xee30, 0x0a81,    // 8000272 vadd.f32 s0, s1, s2
            0xee00, 0x0a81,    // 8000276 vmla.f32 s0, s1, s2
            0xee80, 0x0a81,    // 800027a vdiv.f32 s0, s1, s2
            0xeeb1, 0x0ae0,    // 800027e vsqrt.f32 s0, s1
            0xee10, 0x0a90,    // 8000282 vmov r0, s1
            0xee00, 0x0a90,    // 8000286 vmov s1, r0
            0xec51, 0x0b10,    // 800028a vmov r0, r1, d0
            0xeef1, 0xfa10);   // 800028e vmrs APSR_nzcv, fpscr
        expect(l,
            LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2,
            STORE, 1, STORE, 2, STORE, 1, STORE, 1, STORE, 2,
            LOAD, 2, LOAD, 2,
            LOAD_DOUBLE, 3, STORE_DOUBLE, 3, LOAD_DOUBLE, 3,
            LOAD, 2, LOAD, 2, LOAD, 2, LOAD, 2, HINT, 1,
            LOAD_MULTIPLE, 4, LOAD_MULTIPLE, 3, STORE_MULTIPLE, 3, STORE_MULTIPLE, 3,
            STORE_MULTIPLE, 10, STORE_MULTIPLE, 4, LOAD_MULTIPLE, 3,
            FP_LOAD_STORE, 2, FP_LOAD_STORE, 2, FP_LOAD_STORE, 5, FP_LOAD_STORE, 5, FP_LOAD_STORE, 2,
            FP_DATA, 1, FP_DATA, 3, FP_DATA, 14, FP_DATA, 14, FP_DATA, 1, FP_DATA, 1, FP_DATA, 2,
            FP_DATA, 1);
        int[] r = Asm.regs(0x2000_0000, 0x4000_0000, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2001_0000);
        int[] ea = {0x4000_0004, 0x4000_0010, 0x4000_0040, 0x4000_0000, 0x3FFF_FFF8, 0x4000_0003,
            0x4000_0010, 0x4000_0064, 0x2001_0008, 0x4000_0004, 0x4000_0010, 0x3FFF_FFFF,
            0x2001_000C, 0x4000_0010, 0x0800_0230, 0x0800_0228, 0x0000_0018, 0x0000_0008,
            0x0800_0248, 0x4000_0004, 0x4000_0000, 0x4000_0000, 0x4000_0004};
        for (int i = 0; i < ea.length; i++) {
            assertEquals(ea[i], l.get(i).effectiveAddress(r), "EA of " + l.get(i));
            assertEquals(ea[i], l.get(i).effectiveAddress(n -> r[n]), "EA(op) of " + l.get(i));
        }
        ThumbInstruction post = l.get(3), pre = l.get(4);
        assertTrue(post.hasWriteback() && pre.hasWriteback());
        assertEquals((1 << 0) | (1 << 1), post.writtenRegisters(), "Rt and written-back base");
        assertEquals(1 << 0, l.get(0).writtenRegisters());
        assertEquals(4, l.get(0).memSize());
        assertEquals(1, l.get(5).memSize());
        assertEquals(2, l.get(6).memSize());
        assertEquals(2, l.get(2).indexShift());
        assertEquals(2, l.get(2).indexRegister());
        assertTrue(l.get(14).isPcRelative());
        assertEquals(0x0800_0230, l.get(14).literalAddress());
        assertEquals(8, l.get(16).accessBytes(), "ldrd transfers two words");
        assertEquals(0b11, l.get(16).writtenRegisters());
        assertTrue(l.get(19).isLoad(), "ldrex");
        assertTrue(l.get(20).isStore(), "strex");
        assertEquals(1 << 2, l.get(20).writtenRegisters(), "strex status");
        assertFalse(l.get(23).isMemoryAccess(), "pld is a hint");
        // LDM/STM/PUSH ranges
        ThumbInstruction ldm = l.get(24), push = l.get(27), pushW = l.get(28), stmdb = l.get(29);
        assertEquals(0x2000_0000, ldm.effectiveAddress(r));
        assertEquals(12, ldm.accessBytes());
        assertEquals(0b1111, ldm.writtenRegisters(), "r1-r3 and written-back r0");
        assertFalse(l.get(25).hasWriteback(), "ldm r0, {r0, r1}: base in list, no writeback");
        assertEquals(0x2001_0000 - 8, push.effectiveAddress(r));
        assertEquals((1 << 4) | (1 << 14), push.registerList());
        assertEquals(0x2001_0000 - 36, pushW.effectiveAddress(r));
        assertEquals(0x2000_0000 - 12, stmdb.effectiveAddress(r));
        assertFalse(stmdb.hasWriteback());
        assertEquals(0x2000_0008, l.get(31).effectiveAddress(r), "vldr");
        assertEquals(0x4000_0000 - 16, l.get(32).effectiveAddress(r), "vstr d1");
        assertEquals(8, l.get(32).accessBytes());
        assertEquals(0x0800_027C, l.get(35).literalAddress(), "vldr literal");
        assertEquals(0x2001_0000 - 16, l.get(33).effectiveAddress(r), "vpush");
        assertEquals(1, l.get(40).writtenRegisters(), "vmov r0, s1");
        assertEquals(0, l.get(43).writtenRegisters(), "vmrs to flags writes no core register");
        assertFalse(l.get(43).isBranch());
    }

    @Test
    void branchesAndControl() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0300,
            0xe019,            // 8000300 b.n 8000336
            0xd018,            // 8000302 beq.n 8000336
            0xf000, 0xb859,    // 8000304 b.w 80003ba
            0xf040, 0x8057,    // 8000308 bne.w 80003ba
            0xf000, 0xf855,    // 800030c bl 80003ba
            0x4770,            // 8000310 bx lr
            0x4798,            // 8000312 blx r3
            0xb178,            // 8000314 cbz r0, 8000336
            0xb977,            // 8000316 cbnz r7, 8000336
            0x46f7,            // 8000318 mov pc, lr
            0x4487,            // 800031a add pc, r0
            0xe8df, 0xf000,    // 800031c tbb [pc, r0]
            0xe8df, 0xf011,    // 8000320 tbh [pc, r1, lsl #1]
            0xe8d2, 0xf003,    // 8000324 tbb [r2, r3]
            0xf85d, 0xfb04,    // 8000328 ldr.w pc, [sp], #4
            0xbd10,            // 800032c pop {r4, pc}
            0xe8bd, 0x8010,    // 800032e ldmia.w sp!, {r4, pc}
            0xf8d0, 0xf004);   // 8000332 ldr.w pc, [r0, #4]
        expect(l,
            BRANCH, 1, BRANCH_CONDITIONAL, 1, BRANCH, 1, BRANCH_CONDITIONAL, 1, BRANCH, 1,
            BRANCH, 1, BRANCH, 1, COMPARE_BRANCH, 1, COMPARE_BRANCH, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            TABLE_BRANCH, 3, TABLE_BRANCH, 3, TABLE_BRANCH, 3,
            LOAD, 2, LOAD_MULTIPLE, 3, LOAD_MULTIPLE, 3, LOAD, 2);
        int[] targets = {0x0800_0336, 0x0800_0336, 0x0800_03BA, 0x0800_03BA, 0x0800_03BA};
        for (int i = 0; i < targets.length; i++) assertEquals(targets[i], l.get(i).branchTarget());
        assertEquals(0x0800_0336, l.get(7).branchTarget(), "cbz");
        assertEquals(0x0800_0336, l.get(8).branchTarget(), "cbnz");
        for (ThumbInstruction ins : l) {
            assertTrue(ins.isBranch() && ins.writesPc(), "writes PC: " + ins);
        }
        boolean[] conditional = {false, true, false, true, false, false, false, true, true};
        for (int i = 0; i < conditional.length; i++) assertEquals(conditional[i], l.get(i).isConditional(), l.get(i).toString());
        assertTrue(l.get(4).isCall());
        assertTrue(l.get(6).isCall(), "blx r3");
        assertFalse(l.get(5).isCall());
        assertEquals((1 << 14) | (1 << 15), l.get(4).writtenRegisters());
        for (int i = 11; i <= 17; i++) assertTrue(l.get(i).hasLoadedTarget(), "loaded target: " + l.get(i));
        for (int i = 0; i <= 10; i++) assertFalse(l.get(i).hasLoadedTarget(), "direct: " + l.get(i));
        int[] r = Asm.regs(2, 3, 0x100, 5);
        assertEquals(0x0800_0320 + 2, l.get(11).effectiveAddress(r), "tbb [pc, r0]: PC = insn + 4, + r0");
        assertEquals(0x0800_0324 + 6, l.get(12).effectiveAddress(r), "tbh [pc, r1, lsl #1]");
        assertEquals(0x105, l.get(13).effectiveAddress(r), "tbb [r2, r3]");
        assertEquals(1, l.get(11).memSize());
        assertEquals(2, l.get(12).memSize());
        assertEquals(0, l.get(11).registerList(), "TBB transfers to no core register");
    }

    @Test
    void itSystemBarriersHints() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0338,
            0xbf08,            // 8000338 it eq
            0x2001,            // 800033a moveq r0, #1
            0xbf14,            // 800033c ite ne
            0x2001,            // 800033e movne r0, #1
            0x2002,            // 8000340 moveq r0, #2
            0xbfc1,            // 8000342 itttt gt
            0x2001,            // 8000344 movgt r0, #1
            0x2101,            // 8000346 movgt r1, #1
            0x2201,            // 8000348 movgt r2, #1
            0x2301,            // 800034a movgt r3, #1
            0xf3ef, 0x8010,    // 800034c mrs r0, PRIMASK
            0xf380, 0x8811,    // 8000350 msr BASEPRI, r0
            0xb672,            // 8000354 cpsid i
            0xb662,            // 8000356 cpsie i
            0xf3bf, 0x8f5f,    // 8000358 dmb sy
            0xf3bf, 0x8f4f,    // 800035c dsb sy
            0xf3bf, 0x8f6f,    // 8000360 isb sy
            0xbf30,            // 8000364 wfi
            0xbf20,            // 8000366 wfe
            0xbf40,            // 8000368 sev
            0xbf10,            // 800036a yield
            0xdf01,            // 800036c svc 1
            0xbeab,            // 800036e bkpt 0x00ab
            0xde00,            // 8000370 udf #0
            0xf7f0, 0xa001,    // 8000372 udf.w #1
            0xf3bf, 0x8f2f);   // 8000376 clrex
        expect(l,
            IT, 1, DATA_PROCESSING, 1, IT, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            IT, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            SYSTEM, 1, SYSTEM, 2, SYSTEM, 2, SYSTEM, 2,
            BARRIER, 1, BARRIER, 1, BARRIER, 3,
            HINT, 1, HINT, 1, HINT, 1, HINT, 1,
            EXCEPTION_GENERATING, 1, EXCEPTION_GENERATING, 1, EXCEPTION_GENERATING, 1,
            EXCEPTION_GENERATING, 1, HINT, 1);
        assertEquals(1, l.get(0).itLength());
        assertEquals(2, l.get(2).itLength());
        assertEquals(4, l.get(5).itLength());
        assertEquals(0x0, l.get(0).itFirstCondition(), "eq");
        assertEquals(1, l.get(10).writtenRegisters(), "mrs r0");
        assertTrue((l.get(23).flags() & ThumbInstruction.F_UNDEFINED) != 0, "udf");
        assertTrue((l.get(24).flags() & ThumbInstruction.F_UNDEFINED) != 0, "udf.w");
        assertFalse(l.get(21).isBranch(), "svc is charged as exception entry by the core");
    }

    @Test
    void dspExclusiveAndFpForms() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0500,
            0xfa91, 0xf002,    // 8000500 sadd16 r0, r1, r2
            0xfa81, 0xf012,    // 8000504 qadd8 r0, r1, r2
            0xfac1, 0xf062,    // 8000508 uhsub8 r0, r1, r2
            0xeac1, 0x4002,    // 800050c pkhbt r0, r1, r2, lsl #16
            0xfa41, 0xf082,    // 8000510 sxtab r0, r1, r2
            0xf3a1, 0x0008,    // 8000514 usat16 r0, #8, r1
            0xfa91, 0xf0a1,    // 8000518 rbit r0, r1
            0xfb21, 0x3002,    // 800051c smlad r0, r1, r2, r3
            0xfbc2, 0x0183,    // 8000520 smlalbb r0, r1, r2, r3
            0xfb51, 0x3002,    // 8000524 smmla r0, r1, r2, r3
            0xfb31, 0xf002,    // 8000528 smulwb r0, r1, r2
            0xfb71, 0x3002,    // 800052c usada8 r0, r1, r2, r3
            0xfbd2, 0x01c3,    // 8000530 smlsld r0, r1, r2, r3
            0xe8d2, 0x0f5f,    // 8000534 ldrexh r0, [r2]
            0xe8c2, 0x1f50,    // 8000538 strexh r0, r1, [r2]
            0xe930, 0x8006,    // 800053c ldmdb r0!, {r1, r2, pc}
            0xf89f, 0xf008,    // 8000540 pld [pc, #8]
            0xf99f, 0x0008,    // 8000544 ldrsb.w r0, [pc, #8]
            0xeea0, 0x0a81,    // 8000548 vfma.f32 s0, s1, s2
            0xeeb4, 0x0a60,    // 800054c vcmp.f32 s0, s1
            0xeee1, 0x0a10,    // 8000550 vmsr fpscr, r0
            0xeef1, 0x0a10,    // 8000554 vmrs r0, fpscr
            0xecb0, 0x0a04,    // 8000558 vldmia r0!, {s0-s3}
            0xed20, 0x0a04);   // 800055c vstmdb r0!, {s0-s3}
        expect(l,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            DATA_PROCESSING, 1, DATA_PROCESSING, 1, DATA_PROCESSING, 1,
            MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1, MULTIPLY, 1,
            LOAD, 2, LOAD, 2, LOAD_MULTIPLE, 4, HINT, 1, LOAD, 2,
            FP_DATA, 3, FP_DATA, 1, FP_DATA, 1, FP_DATA, 1, FP_LOAD_STORE, 5, FP_LOAD_STORE, 5);
        assertEquals(0b11, l.get(8).writtenRegisters(), "smlalbb writes RdLo and RdHi");
        assertEquals(0b11, l.get(12).writtenRegisters(), "smlsld writes RdLo and RdHi");
        assertEquals(2, l.get(13).memSize(), "ldrexh");
        assertTrue(l.get(14).isStore());
        assertEquals(1, l.get(14).writtenRegisters(), "strexh status in r0");
        ThumbInstruction ldmdb = l.get(15);
        assertTrue(ldmdb.isBranch() && ldmdb.hasLoadedTarget());
        int[] r = Asm.regs(0x2000_0100);
        assertEquals(0x2000_0100 - 12, ldmdb.effectiveAddress(r));
        assertFalse(l.get(16).isMemoryAccess(), "pld literal");
        assertEquals(0x0800_0550, l.get(17).literalAddress(), "ldrsb.w literal: Align(PC, 4) + 8");
        assertEquals(1, l.get(21).writtenRegisters(), "vmrs r0, fpscr");
        assertEquals(0x2000_0100, l.get(22).effectiveAddress(r), "vldmia");
        assertEquals(0x2000_0100 - 16, l.get(23).effectiveAddress(r), "vstmdb");
    }

    @Test
    void encodingsWithoutAnArmV7EMMeaningAreUndefined() {
        List<ThumbInstruction> l = Asm.decodeAll(0x0800_0600,
            0xba80,            // 8000600 .inst.n 0xba80      (objdump: hlt 0x0000 — ARMv8 only)
            0xee00, 0x0010,    // 8000602 mcr p0, 0, r0, cr0, cr0, {0}  (no CP0 on the M4)
            0xe800, 0x0000);   // 8000606 .inst.w 0xe8000000  (objdump: <UNDEFINED>; SRS form)
        expect(l, UNDEFINED, 1, UNDEFINED, 1, UNDEFINED, 1);
        for (ThumbInstruction ins : l) {
            assertTrue((ins.flags() & ThumbInstruction.F_UNDEFINED) != 0);
            assertFalse(ins.isBranch() || ins.isMemoryAccess());
        }
    }

    @Test
    void lengthsFollowTheFirstHalfword() {
        assertFalse(ThumbDecoder.is32Bit(0xE7FE), "b.n");
        assertTrue(ThumbDecoder.is32Bit(0xE800));
        assertTrue(ThumbDecoder.is32Bit(0xF000));
        assertTrue(ThumbDecoder.is32Bit(0xF85D));
        assertFalse(ThumbDecoder.is32Bit(0xBF00));
        ThumbInstruction nop = ThumbDecoder.decode(0x100, 0xBF00, 0xFFFF);
        assertEquals(2, nop.length());
        assertEquals(NONE, nop.baseRegister());
    }
}
