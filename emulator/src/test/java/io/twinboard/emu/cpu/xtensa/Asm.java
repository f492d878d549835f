package io.twinboard.emu.cpu.xtensa;

import java.io.ByteArrayOutputStream;

/** A tiny LX106 encoder for unit tests (encodings from the Xtensa ISA Reference Manual). */
final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int origin;

    Asm(int origin) { this.origin = origin; }

    int pc() { return origin + out.size(); }
    byte[] bytes() { return out.toByteArray(); }

    Asm raw(int... b) { for (int x : b) out.write(x); return this; }
    private Asm rrr(int op2, int op1, int r, int s, int t) { return raw(t << 4, r << 4 | s, op2 << 4 | op1); }

    Asm movi(int t, int imm) { return raw(t << 4 | 2, 0xA0 | (imm >> 8 & 15), imm & 0xFF); }
    Asm addi(int t, int s, int imm) { return raw(t << 4 | 2, 0xC0 | s, imm & 0xFF); }
    Asm add(int r, int s, int t) { return rrr(8, 0, r, s, t); }
    Asm mull(int r, int s, int t) { return rrr(8, 2, r, s, t); }
    Asm l32i(int t, int s, int off) { return raw(t << 4 | 2, 0x20 | s, off >> 2); }
    Asm l8ui(int t, int s, int off) { return raw(t << 4 | 2, s, off); }
    Asm s32i(int t, int s, int off) { return raw(t << 4 | 2, 0x60 | s, off >> 2); }
    Asm nop() { return raw(0xF0, 0x20, 0x00); }
    Asm rsr(int t, int sr) { return raw(t << 4, sr, 0x03); }
    Asm wsr(int t, int sr) { return raw(t << 4, sr, 0x13); }
    Asm rsil(int t, int level) { return raw(t << 4, 0x60 | level, 0x00); }
    Asm waiti(int level) { return raw(0x00, 0x70 | level, 0x00); }
    Asm simcall() { return raw(0x00, 0x51, 0x00); }
    Asm rfe() { return raw(0x00, 0x30, 0x00); }
    Asm ill() { return raw(0, 0, 0); }
    /** J to an absolute target. */
    Asm j(int target) { int off = target - pc() - 4; int b = (off & 0x3FFFF) << 6 | 6; return raw(b & 0xFF, b >> 8 & 0xFF, b >> 16 & 0xFF); }
    /** BNEZ as to an absolute target. */
    /** BBCI as, bit, target (branch if bit clear). */
    Asm bbci(int s, int bit, int target) { int off = target - pc() - 4; return raw((bit & 15) << 4 | 7, (6 | bit >> 4) << 4 | s, off & 0xFF); }
    Asm bnez(int s, int target) { int off = target - pc() - 4; return raw(0x56, (off & 15) << 4 | s, off >> 4 & 0xFF); }
    /** CALL0 to an absolute (4-aligned) target. */
    Asm call0(int target) { int off = (target - (pc() & ~3) - 4) >> 2; int b = (off & 0x3FFFF) << 6 | 5; return raw(b & 0xFF, b >> 8 & 0xFF, b >> 16 & 0xFF); }
    Asm s8i(int t, int s, int off) { return raw(t << 4 | 2, 0x40 | s, off); }
    Asm slli(int r, int s, int sa) { int f = 32 - sa; return rrr(f >> 4, 1, r, s, f & 15); }
    Asm callx0(int s) { return raw(0xC0, s, 0x00); }
    Asm ret() { return raw(0x80, 0x00, 0x00); }
    /** Loads {@code base + off} with base a multiple of 1 MiB and 0 <= off < 128. */
    Asm li(int r, int value) {
        int base = value & 0xFFF00000, off = value - base;
        if (off < 0 || off >= 128) throw new IllegalArgumentException("li offset " + off);
        return movi(r, base >> 20).slli(r, r, 20).addi(r, r, off);
    }
    /** Pads with NOPs up to {@code address}. */
    Asm org(int address) { while (pc() < address) raw(0); return this; }
    /** simcall exit with the code in a3 = value. */
    Asm exit(int code) { return movi(2, 1).movi(3, code).simcall(); }
}
