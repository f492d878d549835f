package io.twinboard.bench.mqtt;

import io.twinboard.bench.board.Board;
import io.twinboard.bench.board.BoardBuilder;
import io.twinboard.bench.board.BoardDescription;
import io.twinboard.bench.board.BoardOptions;
import io.twinboard.bench.broker.Broker;
import io.twinboard.bench.broker.ObservedMessage;
import io.twinboard.bench.provision.Provisioning;
import io.twinboard.emu.cpu.StopReason;
import io.twinboard.emu.elf.ElfImage;
import io.twinboard.emu.machine.RunResult;
import io.twinboard.periph.net.Network;
import io.twinboard.bench.inspect.PcapngCapture;
import io.twinboard.bench.inspect.TrafficLog;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the {@code mqtt-tls-client} firmware against a broker: builds the board, writes the
 * provisioning block, lets the firmware resolve, connect, handshake, publish and subscribe; when
 * the firmware reports its subscription, the workbench publishes the command it must answer.
 * The report combines what the firmware printed with what the broker and the W5500's link saw.
 */
public final class MqttRun {
    /** The command the workbench sends once the firmware has subscribed. */
    public static final String COMMAND = "blink 3";

    private MqttRun() {}

    /**
     * @param broker the broker the setup points at, for observations and the command; may be null
     *               for an external broker the workbench cannot observe
     */
    public static MqttReport run(BoardDescription board, ElfImage firmware, MqttSetup setup, Broker broker,
                                 BoardOptions options, OutputStream console, long timeLimit) {
        return run(board, firmware, setup, broker, options, console, timeLimit, net -> {});
    }

    /** As above; {@code tweak} changes the network after the setup configured it (scenarios, tests). */
    public static MqttReport run(BoardDescription board, ElfImage firmware, MqttSetup setup, Broker broker,
                                 BoardOptions options, OutputStream console, long timeLimit, java.util.function.Consumer<Network> tweak) {
        return run(board, firmware, setup, broker, options, console, timeLimit, tweak, null);
    }

    /**
     * As above, and when {@code capture} is not null, writes every connection of the board to that
     * pcapng file (virtual-time stamps; opens in Wireshark).
     */
    public static MqttReport run(BoardDescription board, ElfImage firmware, MqttSetup setup, Broker broker,
                                 BoardOptions options, OutputStream console, long timeLimit,
                                 java.util.function.Consumer<Network> tweak, java.nio.file.Path capture) {
        TrafficLog traffic = new TrafficLog();
        PcapngCapture pcap = null;
        if (capture != null) {
            try {
                pcap = PcapngCapture.toFile(capture, MqttSetup.BOARD_IP);
            } catch (java.io.IOException e) {
                throw new io.twinboard.bench.board.BoardException("cannot write capture " + capture + ": " + e.getMessage());
            }
        }
        try {
            return run(board, firmware, setup, broker, options, console, timeLimit, tweak, traffic, pcap);
        } finally {
            if (pcap != null) {
                try { pcap.close(); } catch (java.io.IOException e) { System.err.println("twinboard: capture " + capture + ": " + e.getMessage()); }
            }
        }
    }

    /** How long the broker may take to report what the firmware says it published (wall-clock ms). */
    static final long OBSERVATION_SETTLE_MS = 5_000;

    /**
     * Waits until the broker has reported every PUBLISH the firmware's console says it sent
     * ({@code TB mqtt-published}, {@code TB mqtt-replied}), for at most {@link #OBSERVATION_SETTLE_MS}.
     * Brokers report asynchronously (Moquette's interceptor thread, mosquitto's log): a QoS 1
     * PUBACK, let alone a QoS 0 PUBLISH, can reach the board, and the board exit, before the
     * broker's own report of that PUBLISH is recorded.
     */
    private static void awaitObservations(Broker broker, MqttSetup setup, List<String> console) {
        long telemetry = console.stream().filter(l -> l.startsWith("TB mqtt-published ")).count();
        long replies = console.stream().filter(l -> l.startsWith("TB mqtt-replied ")).count();
        long deadline = System.nanoTime() + OBSERVATION_SETTLE_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            List<ObservedMessage> seen = broker.published().stream().filter(m -> setup.clientId().equals(m.clientId())).toList();
            if (seen.stream().filter(m -> m.topic().equals(setup.telemetryTopic())).count() >= telemetry
                    && seen.stream().filter(m -> m.topic().equals(setup.replyTopic())).count() >= replies) return;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static MqttReport run(BoardDescription board, ElfImage firmware, MqttSetup setup, Broker broker,
                                  BoardOptions options, OutputStream console, long timeLimit,
                                  java.util.function.Consumer<Network> tweak, TrafficLog traffic, PcapngCapture pcap) {
        ConsoleTap tap = new ConsoleTap(console);
        try (Board b = BoardBuilder.build(board, options.withConsole(tap))) {
            Network net = b.network();
            setup.configure(net);
            net.setTap(pcap == null ? traffic : io.twinboard.periph.net.LinkTap.both(traffic, pcap));
            tweak.accept(net);
            b.load(firmware);
            b.machine().bus().load(Provisioning.address(firmware), setup.provisioning());
            tap.onLine(line -> {
                if (line.startsWith("TB mqtt subscribed") && broker != null)
                    broker.publish(setup.commandTopic(), COMMAND.getBytes(StandardCharsets.UTF_8), 1);
            });
            RunResult r = b.run(timeLimit);
            if (broker != null) awaitObservations(broker, setup, tap.lines());
            List<ObservedMessage> published = broker == null ? List.of() : broker.published().stream()
                    .filter(m -> setup.clientId().equals(m.clientId())).toList();
            List<ObservedMessage> delivered = broker == null ? List.of() : broker.delivered().stream()
                    .filter(m -> setup.clientId().equals(m.clientId())).toList();
            int exit = r.reason() instanceof StopReason.Exit e ? e.code() : -1;
            return new MqttReport(r, exit, tap.lines(), published, delivered, net.totalBytesToPeers(), net.totalBytesFromPeers(),
                    b.machine().cpu().clock().hz(), setup, broker != null, traffic,
                    tap.hostNanosBetween("TB tcp connected", "TB tls "), tap.cpuNanosBetween("TB tcp connected", "TB tls "),
                    net.pacing(), net.leadKeptPs(), b.machine().symbols().describe(Integer.toUnsignedLong(b.machine().cpu().pc())));
        }
    }
}
