/**
 * What crosses the wire, decoded, and why a run failed.
 *
 * <p>Attach a {@link io.twinboard.bench.inspect.TrafficLog} (and optionally a
 * {@link io.twinboard.bench.inspect.PcapngCapture}) to the network's
 * {@link io.twinboard.periph.net.LinkTap}; combine both with
 * {@link io.twinboard.periph.net.LinkTap#both}. After a failed run, hand the console lines and the
 * log to a {@link io.twinboard.bench.inspect.Diagnoser}:
 * <pre>{@code
 * TrafficLog log = new TrafficLog();
 * PcapngCapture pcap = PcapngCapture.toFile(dir.resolve("run.pcapng"), PcapngCapture.DEFAULT_BOARD_IP);
 * network.setTap(LinkTap.both(log, pcap));
 * ... run ...
 * pcap.close();
 * System.out.print(log.format());
 * new Diagnoser(MbedtlsErrors.fromFirmwareTree(home).orElse(null), inContentLen)
 *         .explain(consoleTap.lines(), log).ifPresent(d -> System.out.println(d.text()));
 * }</pre>
 *
 * <p>Decoders: TLS record layer and handshake ({@code TlsDecoder}, RFC 5246 / RFC 8446), MQTT
 * 3.1.1 ({@code MqttDecoder}); both take byte ranges split anywhere. Names of code points come
 * from Bouncy Castle ({@link io.twinboard.bench.inspect.TlsNames}), mbedTLS error names from the
 * firmware's headers ({@link io.twinboard.bench.inspect.MbedtlsErrors}).
 */
package io.twinboard.bench.inspect;
