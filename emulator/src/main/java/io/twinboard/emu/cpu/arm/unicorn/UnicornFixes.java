package io.twinboard.emu.cpu.arm.unicorn;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The Unicorn 2.0.1 fixes in our hook library ({@code src/main/c/unicorn_fixes.c},
 * docs/native-block-hook.md): libunicorn binds {@code page_collection_lock_arm} and
 * {@code memory_mapping} to ours because the hook library is loaded {@code RTLD_GLOBAL} first.
 * Our memory_mapping uses libunicorn's struct layout only when libunicorn's own code is the
 * build the layout was read from ({@link #bind}).
 */
public final class UnicornFixes {
    /** {@link #bind} bits: our memory_mapping caches the region it finds. */
    public static final int FAST_MEMORY_MAPPING = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static MethodHandle mappingOurs, mappingUnicorns;
    private static int fixes = -1;

    private UnicornFixes() {}

    /**
     * Binds the fixes to the loaded libunicorn (idempotent; libunicorn must be loaded) and returns
     * which fast paths are in effect ({@link #FAST_MEMORY_MAPPING}); 0 with another build of
     * libunicorn (or with {@code TWINBOARD_UNICORN_OWN_CODE} set), which then runs its own code.
     */
    public static synchronized int bind() {
        if (fixes >= 0) return fixes;
        MethodHandle bind = handle("twinboard_unicorn_fixes", FunctionDescriptor.of(JAVA_INT));
        mappingOurs = handle("memory_mapping", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        mappingUnicorns = handle("twinboard_unicorn_memory_mapping", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        try {
            fixes = (int) bind.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return fixes;
    }

    /** The region (a MemoryRegion address, 0 when unmapped) our memory_mapping finds. */
    static long memoryMapping(MemorySegment uc, long address) {
        try {
            return (long) mappingOurs.invokeExact(uc, address);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The region libunicorn's own memory_mapping finds, for comparison. */
    static long unicornMemoryMapping(MemorySegment uc, long address) {
        try {
            return (long) mappingUnicorns.invokeExact(uc, address);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * How often libunicorn called our {@code page_collection_lock_arm}: non-zero once the guest
     * stored to RAM, which proves the interposition is in effect.
     */
    public static long pageCollectionCalls() {
        return BlockTrace.symbol("twinboard_page_collection_calls").reinterpret(8).get(JAVA_LONG, 0);
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(BlockTrace.symbol(name), fd);
    }
}
