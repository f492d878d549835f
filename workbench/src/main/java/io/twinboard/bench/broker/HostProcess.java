package io.twinboard.bench.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process of the workbench whose merged stdout/stderr is read line by line on a daemon
 * thread, kept, and passed to a listener. {@link #close()} stops it (SIGTERM, then SIGKILL after
 * 3 s) and a JVM shutdown hook does the same if the workbench exits first, so no broker or client
 * outlives the run.
 */
final class HostProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread shutdownHook;
    private final Thread reader;

    private HostProcess(Process process, Consumer<String> listener, String name) {
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.reader = Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    listener.accept(line);
                }
            } catch (IOException e) {
                // The process went away; its exit code tells the rest.
            }
        });
    }

    /**
     * Starts {@code command}; a first element without {@code /} is a tool name resolved by
     * {@link #find}. {@code stdin} (may be null) is written and closed at once.
     */
    static HostProcess start(List<String> command, Consumer<String> listener, byte[] stdin) {
        List<String> resolved = new ArrayList<>(command);
        if (!command.getFirst().contains("/")) {
            resolved.set(0, find(command.getFirst()).toString());
        }
        try {
            Process p = new ProcessBuilder(resolved).redirectErrorStream(true).start();
            HostProcess started = new HostProcess(p, listener, Path.of(command.getFirst()).getFileName().toString());
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // The process exited without reading its input; its output and exit code say why.
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + resolved, e);
        }
    }

    /**
     * Locates a program on {@code PATH}, then in {@code /usr/sbin} and {@code /usr/local/sbin}
     * (Debian installs the mosquitto daemon in {@code /usr/sbin}, often not on a user's PATH).
     */
    static Path find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String pkg = switch (tool) {
            case "mosquitto" -> "mosquitto";
            case "stdbuf" -> "coreutils";
            default -> "mosquitto-clients";
        };
        throw new MissingToolException("'" + tool + "' not found on PATH or in /usr/sbin: install the Debian package '"
                + pkg + "' (apt-get install -y " + pkg + ")");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code millis} for exit; returns the exit code or {@code null} if still running. */
    Integer waitFor(long millis) throws InterruptedException {
        if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            reader.join(1000); // let the reader drain the last lines
            return process.exitValue();
        }
        return null;
    }

    /** Everything the process printed so far. */
    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway and is harmless.
        }
    }
}
