package io.twinboard.emu.cpu.arm;

import io.twinboard.emu.bus.Bus;
import io.twinboard.emu.bus.Region;
import io.twinboard.emu.cpu.arm.unicorn.UnicornEngine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mirrors the {@link Bus} into Unicorn: memory regions are mapped on their own backing (so the
 * bus, the loader and the debugger see what the guest sees), device windows become Unicorn MMIO
 * windows merged per 4 KiB page (Unicorn maps whole pages; STM32 devices sit 1 KiB apart). An
 * MMIO callback finds its device again through {@link Bus#find}.
 */
final class EngineMemoryMap {
    private final Bus bus;
    private final UnicornEngine engine;
    private final Set<Region> mapped = new HashSet<>();
    /** Base address of each Unicorn MMIO window, by window index. */
    private long[] windowBase = new long[0];

    EngineMemoryMap(Bus bus, UnicornEngine engine) {
        this.bus = bus;
        this.engine = engine;
    }

    long windowBase(int window) { return windowBase[window]; }

    /** Maps every bus region not yet known to Unicorn; cheap when nothing changed. */
    void sync() {
        List<Region> regions = bus.regions();
        if (mapped.size() == regions.size()) return;
        long spanBase = -1, spanEnd = -1;
        List<long[]> spans = new ArrayList<>();
        for (Region r : regions) {
            if (!mapped.add(r)) continue;
            if (r instanceof Region.Memory m) { engine.mapMemory(m); continue; }
            long b = r.base() & ~(Bus.PAGE - 1), e = (r.end() + Bus.PAGE - 1) & ~(Bus.PAGE - 1);
            if (spanBase >= 0 && b <= spanEnd) spanEnd = Math.max(spanEnd, e);
            else {
                if (spanBase >= 0) spans.add(new long[]{spanBase, spanEnd});
                spanBase = b;
                spanEnd = e;
            }
        }
        if (spanBase >= 0) spans.add(new long[]{spanBase, spanEnd});
        for (long[] s : spans) {
            int index = engine.mapMmio(s[0], s[1] - s[0]);
            if (index >= windowBase.length) windowBase = java.util.Arrays.copyOf(windowBase, index + 1);
            windowBase[index] = s[0];
        }
    }
}
