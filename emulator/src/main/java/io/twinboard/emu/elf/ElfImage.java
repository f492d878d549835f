package io.twinboard.emu.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A little-endian ELF32 executable (System V gABI; ARM ELF and Xtensa use ELF32 LE): the loadable
 * segments, the entry point and the symbol table. Validates everything it reads; a truncated or
 * foreign file is an {@link ElfFormatException} with a one-line reason.
 */
public final class ElfImage {
    public static final int EM_ARM = 40;
    public static final int EM_XTENSA = 94;
    private static final int PT_LOAD = 1;
    private static final int SHT_SYMTAB = 2;

    /** A PT_LOAD segment: {@code data} goes to {@code physAddr} (LMA), {@code memSize - data.length} zero bytes follow. */
    public record Segment(long virtAddr, long physAddr, byte[] data, long memSize, int flags) {
        public boolean executable() { return (flags & 1) != 0; }
        public boolean writable() { return (flags & 2) != 0; }
    }

    private final Path path;
    private final int machine;
    private final long entry;
    private final List<Segment> segments;
    private final SymbolTable symbols;

    private ElfImage(Path path, int machine, long entry, List<Segment> segments, SymbolTable symbols) {
        this.path = path;
        this.machine = machine;
        this.entry = entry;
        this.segments = segments;
        this.symbols = symbols;
    }

    public Path path() { return path; }
    public int machine() { return machine; }
    public long entry() { return entry; }
    public List<Segment> segments() { return segments; }
    public SymbolTable symbols() { return symbols; }

    public static String machineName(int machine) {
        return switch (machine) {
            case EM_ARM -> "ARM";
            case EM_XTENSA -> "Xtensa";
            case 3 -> "x86";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            default -> "machine " + machine;
        };
    }

    /** Reads and validates {@code file}. */
    public static ElfImage load(Path file) throws ElfFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ElfFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new ElfFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(file, bytes);
    }

    static ElfImage parse(Path file, byte[] bytes) throws ElfFormatException {
        String where = file.toString();
        if (bytes.length < 52 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw new ElfFormatException(where + ": not an ELF file");
        if (bytes[4] != 1) throw new ElfFormatException(where + ": 64-bit ELF; a 32-bit MCU image is expected");
        if (bytes[5] != 1) throw new ElfFormatException(where + ": big-endian ELF; a little-endian MCU image is expected");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (type != 2) throw new ElfFormatException(where + ": ELF type " + type + " is not an executable (ET_EXEC); link the image first");
        long entry = Integer.toUnsignedLong(b.getInt(24));
        long phoff = Integer.toUnsignedLong(b.getInt(28));
        long shoff = Integer.toUnsignedLong(b.getInt(32));
        int phentsize = Short.toUnsignedInt(b.getShort(42));
        int phnum = Short.toUnsignedInt(b.getShort(44));
        int shentsize = Short.toUnsignedInt(b.getShort(46));
        int shnum = Short.toUnsignedInt(b.getShort(48));
        if (phnum == 0) throw new ElfFormatException(where + ": no program headers (nothing to load)");
        if (phentsize < 32 || phoff + (long) phnum * phentsize > bytes.length)
            throw new ElfFormatException(where + ": truncated (program headers past end of file)");

        List<Segment> segs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            if (b.getInt(o) != PT_LOAD) continue;
            long off = Integer.toUnsignedLong(b.getInt(o + 4));
            long vaddr = Integer.toUnsignedLong(b.getInt(o + 8));
            long paddr = Integer.toUnsignedLong(b.getInt(o + 12));
            long filesz = Integer.toUnsignedLong(b.getInt(o + 16));
            long memsz = Integer.toUnsignedLong(b.getInt(o + 20));
            int flags = b.getInt(o + 24);
            if (off + filesz > bytes.length)
                throw new ElfFormatException(String.format("%s: truncated (segment at 0x%08x needs bytes up to %d, file has %d)", where, paddr, off + filesz, bytes.length));
            if (memsz < filesz) throw new ElfFormatException(where + ": segment memory size smaller than file size");
            if (memsz == 0) continue;
            byte[] data = new byte[(int) filesz];
            System.arraycopy(bytes, (int) off, data, 0, (int) filesz);
            segs.add(new Segment(vaddr, paddr, data, memsz, flags));
        }
        if (segs.isEmpty()) throw new ElfFormatException(where + ": no loadable segment");

        SymbolTable symbols = SymbolTable.EMPTY;
        if (shoff != 0 && shnum != 0) {
            if (shentsize < 40 || shoff + (long) shnum * shentsize > bytes.length)
                throw new ElfFormatException(where + ": truncated (section headers past end of file)");
            symbols = readSymbols(where, b, bytes.length, (int) shoff, shentsize, shnum);
        }
        return new ElfImage(file, machine, entry, List.copyOf(segs), symbols);
    }

    /** End address of the section a symbol lies in (SHN_ABS and the like: just past the symbol). */
    private static long regionEnd(ByteBuffer b, int shoff, int shentsize, int shnum, int shndx, long value) {
        if (shndx >= shnum) return value + 1;   // SHN_ABS, SHN_COMMON, …: no section
        int o = shoff + shndx * shentsize;
        long start = Integer.toUnsignedLong(b.getInt(o + 12)), size = Integer.toUnsignedLong(b.getInt(o + 20));
        return value >= start && value <= start + size ? start + size : value + 1;
    }

    private static SymbolTable readSymbols(String where, ByteBuffer b, int length, int shoff, int shentsize, int shnum) throws ElfFormatException {
        for (int i = 0; i < shnum; i++) {
            int o = shoff + i * shentsize;
            if (b.getInt(o + 4) != SHT_SYMTAB) continue;
            int symOff = b.getInt(o + 16), symSize = b.getInt(o + 20), link = b.getInt(o + 24), entsize = b.getInt(o + 36);
            if (link < 0 || link >= shnum || entsize < 16) throw new ElfFormatException(where + ": corrupt symbol table header");
            int so = shoff + link * shentsize;
            int strOff = b.getInt(so + 16), strSize = b.getInt(so + 20);
            if (symOff < 0 || symSize < 0 || (long) symOff + symSize > length || strOff < 0 || strSize < 0 || (long) strOff + strSize > length)
                throw new ElfFormatException(where + ": truncated (symbol table past end of file)");
            List<SymbolTable.Symbol> syms = new ArrayList<>();
            for (int s = symOff; s + 16 <= symOff + symSize; s += entsize) {
                int nameIdx = b.getInt(s);
                long value = Integer.toUnsignedLong(b.getInt(s + 4));
                long size = Integer.toUnsignedLong(b.getInt(s + 8));
                int info = b.get(s + 12) & 0xFF;
                int shndx = Short.toUnsignedInt(b.getShort(s + 14));
                int kind = info & 0xF;
                if (shndx == 0 || nameIdx <= 0 || nameIdx >= strSize) continue;
                if (kind != 1 && kind != 2 && kind != 0) continue; // OBJECT, FUNC, NOTYPE
                String name = cString(b, strOff + nameIdx, strOff + strSize);
                if (name.isEmpty() || name.startsWith("$")) continue; // ARM mapping symbols $t/$d/$a
                syms.add(new SymbolTable.Symbol(name, value, size, kind == 2, regionEnd(b, shoff, shentsize, shnum, shndx, value)));
            }
            return new SymbolTable(syms);
        }
        return SymbolTable.EMPTY;
    }

    private static String cString(ByteBuffer b, int start, int limit) {
        int e = start;
        while (e < limit && b.get(e) != 0) e++;
        byte[] s = new byte[e - start];
        b.get(start, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
