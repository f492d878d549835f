package io.twinboard.bench.mqtt;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTapTest {
    private static void print(ConsoleTap tap, String line) throws IOException {
        tap.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cpuTimeBetweenLinesIsTheWritingThreadsWork() throws IOException {
        ConsoleTap tap = new ConsoleTap(null);
        print(tap, "TB tcp connected");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spin = threads.getCurrentThreadCpuTime() + 30_000_000;   // 30 ms of CPU work on this thread
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < spin) x += x * 31 + 7;
        print(tap, "TB tls version=TLSv1.2 x=" + (x & 1));
        long cpu = tap.cpuNanosBetween("TB tcp connected", "TB tls ");
        assertTrue(cpu >= 30_000_000 && cpu <= tap.hostNanosBetween("TB tcp connected", "TB tls ") + 1_000_000,
                "CPU " + cpu + " ns for 30 ms of CPU spent spinning");
        assertEquals(-1, tap.cpuNanosBetween("TB tcp connected", "TB mqtt"));
        assertEquals("TB tls version=TLSv1.2 x=" + (x & 1), tap.firstLine("TB tls"));
    }

    @Test
    void linesFromTwoThreadsHaveNoCpuSpan() throws Exception {
        ConsoleTap tap = new ConsoleTap(null);
        print(tap, "TB tcp connected");
        Thread t = new Thread(() -> {
            try { print(tap, "TB tls version=TLSv1.2"); } catch (IOException e) { throw new RuntimeException(e); }
        });
        t.start();
        t.join();
        assertEquals(-1, tap.cpuNanosBetween("TB tcp connected", "TB tls "));
        assertTrue(tap.hostNanosBetween("TB tcp connected", "TB tls ") >= 0);
    }
}
