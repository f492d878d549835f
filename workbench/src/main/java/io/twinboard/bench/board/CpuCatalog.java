package io.twinboard.bench.board;

import java.util.Map;
import java.util.TreeMap;

/** CPU types a board file may name. */
final class CpuCatalog {
    private static final Map<String, CpuFactory> FACTORIES = new TreeMap<>();

    private CpuCatalog() {}

    static CpuFactory factory(String type) { return FACTORIES.get(type); }
}
