package io.twinboard.bench.board;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Run-time choices for building a board.
 *
 * @param seed          seed of every deterministic random source (RNG peripherals, link jitter)
 * @param console       where the console UART's output goes
 * @param diagnostics   where guest errors and unmodelled-feature reports go (null: only recorded)
 * @param cycleAccounting false runs the CPU without the cycle model (bare-speed comparison)
 */
public record BoardOptions(long seed, OutputStream console, PrintStream diagnostics, boolean cycleAccounting) {
    public static BoardOptions defaults() { return new BoardOptions(1, System.out, System.err, true); }

    public BoardOptions withConsole(OutputStream out) { return new BoardOptions(seed, out, diagnostics, cycleAccounting); }
    public BoardOptions withDiagnostics(PrintStream d) { return new BoardOptions(seed, console, d, cycleAccounting); }
    public BoardOptions withSeed(long s) { return new BoardOptions(s, console, diagnostics, cycleAccounting); }
    public BoardOptions withCycleAccounting(boolean on) { return new BoardOptions(seed, console, diagnostics, on); }
}
