package io.twinboard.bench.board;

import io.twinboard.emu.bus.IrqLine;
import io.twinboard.emu.log.GuestLog;
import io.twinboard.emu.machine.Machine;
import io.twinboard.emu.time.ClockDomain;
import io.twinboard.emu.time.Scheduler;
import io.twinboard.periph.signal.Wire;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What a device factory may use while a board is built: the machine's scheduler and log, named
 * clocks, named parts, named signals, and interrupt lines to a CPU that is created after the
 * devices (the lines are bound when it exists).
 */
public final class BuildContext {
    final BoardDescription board;
    final Machine machine;
    final BoardOptions options;
    final ClockDomain coreClock;
    final Map<String, ClockDomain> clocks = new HashMap<>();
    final Map<String, Object> parts = new LinkedHashMap<>();
    final Map<String, Wire> outputs = new HashMap<>();
    final Map<String, Wire.Listener> inputs = new HashMap<>();
    final IrqLine[] pendingIrqLines = new IrqLine[256];
    IrqLine[] boundIrqs = new IrqLine[256];
    IntConsumer consoleReceiver = b -> {};
    /** Where FLASH_ACR writes go (the CPU's flash timing model, bound when the CPU exists). */
    IntConsumer flashAcrListener = acr -> {};
    final Map<String, DeviceCatalog.SpiController> spiControllers = new HashMap<>();
    private io.twinboard.periph.net.Network network;
    final java.util.List<Runnable> finishers = new java.util.ArrayList<>();
    private final java.util.Map<String, java.util.function.Consumer<String>> externalDriveHooks = new HashMap<>();

    BuildContext(BoardDescription board, Machine machine, BoardOptions options, ClockDomain coreClock) {
        this.board = board;
        this.machine = machine;
        this.options = options;
        this.coreClock = coreClock;
        clocks.put("core", coreClock);
    }

    public Scheduler scheduler() { return machine.scheduler(); }
    public io.twinboard.emu.bus.Bus bus() { return machine.bus(); }
    public GuestLog log() { return machine.log(); }
    public BoardOptions options() { return options; }
    public ClockDomain coreClock() { return coreClock; }

    /** The board's network: where the W5500's sockets lead (endpoints are configured by the workbench). */
    public io.twinboard.periph.net.Network network() {
        if (network == null) {
            network = new io.twinboard.periph.net.Network(scheduler());
            machine.addExternalSync(network);
            machine.closeWith(network);
        }
        return network;
    }

    /** Publishes an SPI controller under its board name. */
    void spiController(String name, DeviceCatalog.SpiController c) { spiControllers.put(name, c); }

    DeviceCatalog.SpiController spiController(String name) {
        var c = spiControllers.get(name);
        if (c == null) throw new BoardException("board " + board.name() + ": no SPI controller named '" + name + "'");
        return c;
    }

    public void addClock(String name, ClockDomain clock) { clocks.put(name, clock); }

    public ClockDomain clock(String name) {
        ClockDomain c = clocks.get(name);
        if (c == null) throw new BoardException("board " + board.name() + ": no clock '" + name + "' (is the clock controller declared before its users?)");
        return c;
    }

    public <T> T part(String name, Class<T> type) {
        Object o = parts.get(name);
        if (!type.isInstance(o)) throw new BoardException("board " + board.name() + ": no " + type.getSimpleName() + " named '" + name + "' declared before it is used");
        return type.cast(o);
    }

    /** Publishes a signal a part drives, e.g. {@code gpiod.14} or {@code w5500.int}. */
    public void output(String name, Wire wire) { outputs.put(name, wire); }

    /** Publishes a signal input, e.g. {@code w5500.cs}. */
    public void input(String name, Wire.Listener listener) { inputs.put(name, listener); }

    final java.util.List<Runnable> atStop = new java.util.ArrayList<>();
    final java.util.List<Runnable> resets = new java.util.ArrayList<>();

    /** Registers a device's reset, run on a system reset (SYSRESETREQ) before the core's. */
    public void onSystemReset(Runnable r) { resets.add(r); }

    void systemReset() {
        log().info("board", "sysreset", "system reset requested by the firmware (devices and core reset)");
        for (Runnable r : resets) r.run();
    }

    /** Runs {@code r} whenever a run stops (e.g. flush bytes still in a UART's FIFO to the console). */
    public void atStop(Runnable r) { atStop.add(r); }

    /** Runs {@code r} once every device exists (cross-device connections, e.g. EXTI to GPIO). */
    public void afterDevices(Runnable r) { finishers.add(r); }

    /**
     * Publishes an input pin that the wiring may drive from outside ({@link #output} with a hook
     * told when a wire takes it over, so the pin stops using its pull).
     */
    public void pin(String name, Wire wire, Runnable onExternalDrive) {
        outputs.put(name, wire);
        externalDriveHooks.put(name, n -> onExternalDrive.run());
    }

    void externallyDriven(String name) {
        var h = externalDriveHooks.get(name);
        if (h != null) h.accept(name);
    }

    /** Interrupt line {@code n} of the CPU (bound once the CPU exists). */
    public IrqLine irq(int n) {
        if (n < 0 || n >= pendingIrqLines.length) throw new BoardException("board " + board.name() + ": interrupt " + n + " out of range");
        IrqLine l = pendingIrqLines[n];
        if (l == null) {
            pendingIrqLines[n] = l = level -> {
                IrqLine bound = boundIrqs[n];
                if (bound != null) bound.set(level);
            };
        }
        return l;
    }

    /** Console output: only the device the board names as console prints to the user's console. */
    public IntConsumer consoleSink(String deviceName) {
        if (!deviceName.equals(board.console())) return b -> {};
        var out = options.console();
        return b -> {
            try {
                out.write(b);
                if (b == '\n') out.flush();
            } catch (java.io.IOException e) {
                log().info("console", "io", "console output failed: " + e.getMessage());
            }
        };
    }

    /** The console device registers where host input goes. */
    public void consoleReceiver(String deviceName, IntConsumer receiver) {
        if (deviceName.equals(board.console())) consoleReceiver = receiver;
    }
}
