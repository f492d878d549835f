package io.twinboard.bench.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The firmware console on its way to the user: passes every byte on, and hands each complete
 * line to listeners (the workbench reacts to the firmware's machine-readable {@code TB ...} lines).
 */
public final class ConsoleTap extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private final List<Long> hostNanos = Collections.synchronizedList(new ArrayList<>());
    /** CPU time of the writing thread (the machine thread) when each line completed, and its id. */
    private final List<long[]> cpuNanos = Collections.synchronizedList(new ArrayList<>());
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** @param out where the console goes (may be null to only record) */
    public ConsoleTap(OutputStream out) { this.out = out; }

    public void onLine(Consumer<String> l) { listeners.add(l); }

    /** Every complete line so far. */
    public List<String> lines() { synchronized (lines) { return List.copyOf(lines); } }

    /** The first line starting with {@code prefix}, or null. */
    public String firstLine(String prefix) {
        synchronized (lines) {
            for (String l : lines) if (l.startsWith(prefix)) return l;
        }
        return null;
    }

    @Override public void write(int b) throws IOException {
        if (out != null) out.write(b);
        if (b == '\n') {
            String s = line.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
            line.reset();
            synchronized (lines) {
                lines.add(s);
                hostNanos.add(System.nanoTime());
                cpuNanos.add(new long[] {Thread.currentThread().threadId(), THREADS.getCurrentThreadCpuTime()});
            }
            for (Consumer<String> l : listeners) l.accept(s);
        } else {
            line.write(b);
        }
    }

    @Override public void flush() throws IOException { if (out != null) out.flush(); }

    /**
     * Host (wall-clock) nanoseconds between the first lines starting with {@code from} and
     * {@code to}, or -1 when either is missing — e.g. how long the host took to emulate a handshake.
     */
    public long hostNanosBetween(String from, String to) {
        synchronized (lines) {
            int a = firstIndex(from), b = firstIndex(to);
            return a < 0 || b < 0 ? -1 : hostNanos.get(b) - hostNanos.get(a);
        }
    }

    /** Index of the first line starting with {@code prefix}, or -1; callers hold the lock. */
    private int firstIndex(String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        return -1;
    }

    /**
     * CPU time the machine thread (which writes the console) used between the first lines
     * starting with {@code from} and {@code to}: the host's work, without the time it slept to
     * keep virtual time behind wall-clock time. -1 when a line is missing or the two lines came
     * from different threads.
     */
    public long cpuNanosBetween(String from, String to) {
        synchronized (lines) {
            int a = firstIndex(from), b = firstIndex(to);
            if (a < 0 || b < 0 || cpuNanos.get(a)[0] != cpuNanos.get(b)[0] || cpuNanos.get(a)[1] < 0) return -1;
            return cpuNanos.get(b)[1] - cpuNanos.get(a)[1];
        }
    }

    /** Value of {@code key=value} in a TB line, or null. */
    public static String field(String line, String key) {
        if (line == null) return null;
        for (String part : line.split(" ")) if (part.startsWith(key + "=")) return part.substring(key.length() + 1);
        return null;
    }
}
