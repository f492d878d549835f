package io.twinboard.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loopback TCP ports for the brokers we start: a free one to ask for, and whether it is
 * listening yet — read from the kernel's table ({@code /proc/net/tcp}, Linux), because probing
 * with a connection would show up as a failed TLS handshake and probing with a bind would race
 * the server's own bind.
 */
final class LoopbackPorts {
    private static final String LISTEN = "0A";

    private LoopbackPorts() { }

    /** A port that was free on 127.0.0.1 a moment ago (another process may still take it). */
    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether some socket listens on 127.0.0.1:{@code port}: an IPv4 socket, or a dual-stack
     *  IPv6 one bound to the mapped address ::ffff:127.0.0.1 (what Java's NIO opens). */
    static boolean listening(int port) {
        return listed("/proc/net/tcp", String.format("0100007F:%04X", port))
                || listed("/proc/net/tcp6", String.format("0000000000000000FFFF00000100007F:%04X", port));
    }

    private static boolean listed(String table, String local) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(table));
        } catch (IOException e) {
            return false;   // no IPv6 table on this kernel
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].equals(local) && f[3].equals(LISTEN)) return true;
        }
        return false;
    }
}
