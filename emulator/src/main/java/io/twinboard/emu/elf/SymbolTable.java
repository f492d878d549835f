package io.twinboard.emu.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Symbols of an image, for printing every guest address as {@code symbol+offset}. Thumb function
 * symbols carry bit 0 set in ELF; it is cleared here so lookups use real addresses.
 */
public final class SymbolTable {
    /**
     * One symbol; {@code address} has the Thumb bit cleared for functions. A symbol of size 0 (an
     * assembler label, a linker symbol) covers the addresses from its own up to the next symbol,
     * but not past {@code regionEnd}: the end of its section, or just itself for an absolute
     * symbol — so a wild address (a corrupt LR, an EXC_RETURN value) is not named after the
     * last label below it.
     */
    public record Symbol(String name, long address, long size, boolean function, long regionEnd) {
        /** A symbol whose section bounds are unknown (a label covers up to the next symbol). */
        public Symbol(String name, long address, long size, boolean function) {
            this(name, address, size, function, Long.MAX_VALUE);
        }
    }

    public static final SymbolTable EMPTY = new SymbolTable(List.of());

    private final Symbol[] byAddress;

    public SymbolTable(List<Symbol> symbols) {
        List<Symbol> fixed = new ArrayList<>(symbols.size());
        for (Symbol s : symbols) fixed.add(s.function() ? new Symbol(s.name(), s.address() & ~1L, s.size(), true, s.regionEnd()) : s);
        fixed.sort(Comparator.comparingLong(Symbol::address).thenComparing(s -> !s.function()));
        byAddress = fixed.toArray(Symbol[]::new);
    }

    public int size() { return byAddress.length; }

    /** The symbol named {@code name}. */
    public Optional<Symbol> find(String name) {
        for (Symbol s : byAddress) if (s.name().equals(name)) return Optional.of(s);
        return Optional.empty();
    }

    /** The symbol containing {@code address}: within its size, or for a size-0 symbol the nearest
     *  below inside the symbol's region (see {@link Symbol}). */
    public Optional<Symbol> containing(long address) {
        int lo = 0, hi = byAddress.length - 1, best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byAddress[mid].address() <= address) { best = mid; lo = mid + 1; } else hi = mid - 1;
        }
        // Prefer a sized symbol that really contains the address, scanning back over equal starts.
        for (int i = best; i >= 0 && i > best - 8; i--) {
            Symbol s = byAddress[i];
            if (address < s.address() + Math.max(1, s.size())) return Optional.of(s);
            if (s.size() == 0 && i == best && address < s.regionEnd()) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** {@code 0x08001234 <name+0x1c>}, or just the address when no symbol covers it. */
    public String describe(long address) {
        String a = String.format("0x%08x", address);
        return containing(address).map(s -> a + " <" + s.name() + (address == s.address() ? "" : String.format("+0x%x", address - s.address())) + ">").orElse(a);
    }
}
