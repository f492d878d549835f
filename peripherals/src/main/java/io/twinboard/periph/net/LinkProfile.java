package io.twinboard.periph.net;

import io.twinboard.emu.time.VirtualTime;

/**
 * How a link between a W5500 socket and its peer behaves, symmetric in both directions.
 *
 * @param name               shown in reports
 * @param oneWayLatencyPs    propagation delay one way, virtual ps (RTT is twice this plus jitter)
 * @param jitterPs           extra delay per packet, uniform in [0, jitterPs], virtual ps; packets
 *                           never overtake each other (TCP delivers in order)
 * @param bandwidthBps       serialization rate, bits per second, per direction
 * @param segmentSize        largest TCP payload the peer sends per segment, bytes (the peer's MSS);
 *                           also caps what the chip sends per segment
 * @param lossRate           probability (0..1) that a data segment is lost; a lost segment is seen
 *                           only as a retransmission delay (nothing is lost for the application)
 * @param retransmitPs       delay added for the first loss of a segment, doubling for each further
 *                           consecutive loss (at most 6), virtual ps
 * @param seed               seed of the deterministic jitter/loss generator
 */
public record LinkProfile(String name, long oneWayLatencyPs, long jitterPs, long bandwidthBps, int segmentSize,
                          double lossRate, long retransmitPs, long seed) {
    public LinkProfile {
        if (oneWayLatencyPs < 0 || jitterPs < 0) throw new IllegalArgumentException("negative latency/jitter");
        if (bandwidthBps <= 0) throw new IllegalArgumentException("bandwidth must be positive");
        if (segmentSize < 1 || segmentSize > 65535) throw new IllegalArgumentException("segment size " + segmentSize);
        if (lossRate < 0 || lossRate >= 1) throw new IllegalArgumentException("loss rate " + lossRate);
        if (retransmitPs < 0) throw new IllegalArgumentException("negative retransmission delay");
    }

    /** Switched 100 Mbit/s Ethernet to a host nearby: 100 µs one way, 20 µs jitter, MSS 1460, no loss. */
    public static LinkProfile lan() {
        return new LinkProfile("lan", VirtualTime.ofMicros(100), VirtualTime.ofMicros(20), 100_000_000L, 1460, 0,
                VirtualTime.ofMillis(200), 1);
    }

    /**
     * A geostationary satellite path as in seed 003 (HughesNet): 320 ms one way (about 640 ms RTT),
     * 10 ms jitter, 5 Mbit/s, MSS 1380 (the PEP/tunnel overhead), no loss unless {@link #withLoss}.
     */
    public static LinkProfile satellite() {
        return new LinkProfile("satellite", VirtualTime.ofMillis(320), VirtualTime.ofMillis(10), 5_000_000L, 1380, 0,
                VirtualTime.ofMillis(1000), 1);
    }

    /** Looks a preset up by name ({@code lan}, {@code satellite}). */
    public static LinkProfile named(String name) {
        return switch (name) {
            case "lan" -> lan();
            case "satellite" -> satellite();
            default -> throw new IllegalArgumentException("unknown link profile '" + name + "' (lan, satellite)");
        };
    }

    public LinkProfile withLatency(long oneWayPs, long jitter) {
        return new LinkProfile(name, oneWayPs, jitter, bandwidthBps, segmentSize, lossRate, retransmitPs, seed);
    }

    public LinkProfile withBandwidth(long bps) {
        return new LinkProfile(name, oneWayLatencyPs, jitterPs, bps, segmentSize, lossRate, retransmitPs, seed);
    }

    public LinkProfile withSegmentSize(int bytes) {
        return new LinkProfile(name, oneWayLatencyPs, jitterPs, bandwidthBps, bytes, lossRate, retransmitPs, seed);
    }

    public LinkProfile withLoss(double rate) {
        return new LinkProfile(name, oneWayLatencyPs, jitterPs, bandwidthBps, segmentSize, rate, retransmitPs, seed);
    }

    public LinkProfile withSeed(long s) {
        return new LinkProfile(name, oneWayLatencyPs, jitterPs, bandwidthBps, segmentSize, lossRate, retransmitPs, s);
    }

    /** Time to clock {@code bytes} onto the wire, virtual ps. */
    public long serializationPs(int bytes) {
        return bytes * 8L * VirtualTime.PS_PER_S / bandwidthBps;
    }
}
