package io.twinboard.emu.cpu.xtensa;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Field extraction of the decoder at encoding edges (Xtensa ISA RM chapter 7 formats). */
class Lx106DecoderTest {
    static long d(int b0, int b1, int b2) { return Lx106Decoder.decode(b0 | b1 << 8 | b2 << 16); }

    @Test void lengthsFollowOp0() {
        for (int op0 = 0; op0 < 16; op0++) {
            assertEquals(op0 >= 8 && op0 <= 13 ? 2 : 3, Lx106Decoder.length(op0), "op0 " + op0);
        }
    }

    @Test void movinCoversMinus32To95() {
        assertEquals(95, Op.imm(d(0x5C, 0xF4, 0)));  // movi.n a4, 95: imm7 = 0x5F
        assertEquals(-32, Op.imm(d(0x6C, 0x04, 0))); // movi.n a4, -32: imm7 = 0x60
        assertEquals(Op.MOVI, Op.op(d(0x6C, 0x04, 0)));
    }

    @Test void l32rOffsetsAreNegativeWordOffsets() {
        assertEquals(-4, Op.imm(d(0x41, 0xFF, 0xFF)));
        assertEquals(-262144, Op.imm(d(0x41, 0x00, 0x00)));
    }

    @Test void jumpAndCallOffsetsAreSignExtended() {
        long j = Lx106Decoder.decode((0x20000 << 6) | 6); // most negative 18-bit offset
        assertEquals(Op.J, Op.op(j));
        assertEquals(-131072 + 4, Op.imm(j));
        long call = Lx106Decoder.decode((0x1FFFF << 6) | 5);
        assertEquals(Op.CALL0, Op.op(call));
        assertEquals(0x1FFFF << 2, Op.imm(call));
    }

    @Test void branchImmediatesIndexTheB4constTables() {
        long beqi = d(0x26, 0x02 | 0xF0, 0x10); // beqi a2, 256, +0x10
        assertEquals(Op.BEQI, Op.op(beqi));
        assertEquals(256, Lx106Decoder.B4CONST[Op.c(beqi)]);
        assertEquals(0x14, Op.imm(beqi));
        long bltui = d(0xB6, 0x12, 0xFC); // bltui a2, 65536, -4
        assertEquals(Op.BLTUI, Op.op(bltui));
        assertEquals(65536, Lx106Decoder.B4CONSTU[Op.c(bltui)]);
        assertEquals(0, Op.imm(bltui));
    }

    @Test void bbsiCarriesAFiveBitIndex() {
        long bbsi = d(0xF7, 0xF2, 0x00); // bbsi a2, 31 (as assembles it: f7 f2 ..)
        assertEquals(Op.BBSI, Op.op(bbsi));
        assertEquals(31, Op.a(bbsi));
    }

    @Test void unconfiguredOptionsDecodeAsIllegal() {
        assertEquals(Op.ILLEGAL, Op.op(d(0x04, 0, 0)));    // MAC16
        assertEquals(Op.ILLEGAL, Op.op(d(0x22, 0xB3, 0))); // L32AI
        assertEquals(Op.ILLEGAL, Op.op(d(0x36, 0x41, 0))); // ENTRY
        assertEquals(Op.ILLEGAL, Op.op(d(0x6D, 0xF0, 0))); // ILL.N
        assertEquals(Op.ILLEGAL, Op.op(d(0, 0, 0)));       // ILL
    }

    @Test void readMasksNameTheSourceRegisters() {
        long add = d(0x40, 0x23, 0x80); // add a2, a3, a4
        assertEquals(1 << 3 | 1 << 4, Op.readMask(add));
        long l32i = d(0x52, 0x26, 0x01); // l32i a5, a6, 4
        assertEquals(1 << 6, Op.readMask(l32i));
        assertEquals(4, Op.imm(l32i));
    }
}
