package io.twinboard.bench.inspect;

import java.util.List;

import io.twinboard.periph.net.LinkTap;

/** One thing decoded from a connection: a TCP event, a TLS record or message, an MQTT packet. */
public sealed interface Decoded {
    /** One line of text, without time or direction: {@code TLS Handshake ServerHello (...)}. */
    String describe();

    /** TCP-level event as the link reports it; {@code close} is null for SYN and ESTABLISHED. */
    record Tcp(String what, LinkTap.Close close) implements Decoded {
        public String describe() { return "TCP " + what; }
    }

    /**
     * A TLS record header (RFC 5246 §6.2.1, RFC 8446 §5.1): {@code length} is the fragment length
     * in bytes (without the 5-byte header); {@code encrypted} once the sender's CCS (TLS 1.2) or
     * ServerHello (TLS 1.3) has passed.
     */
    record TlsRecord(int contentType, int version, int length, boolean encrypted, boolean tls13) implements Decoded {
        public String describe() {
            if (!encrypted) return "TLS " + TlsNames.contentType(contentType) + " record " + length + " B";
            if (tls13) return "TLS encrypted record " + length + " B";
            return switch (contentType) {
                case 23 -> "TLS ApplicationData " + length + " B";
                case 21 -> "TLS Alert (encrypted, " + length + " B)";
                case 22 -> "TLS Handshake Finished (encrypted, " + length + " B)";
                default -> "TLS " + TlsNames.contentType(contentType) + " (encrypted, " + length + " B)";
            };
        }
    }

    /** ChangeCipherSpec (RFC 5246 §7.1): what the sender sends next is encrypted. */
    record ChangeCipherSpec() implements Decoded {
        public String describe() { return "TLS ChangeCipherSpec"; }
    }

    /** A plaintext alert (RFC 5246 §7.2). */
    record Alert(int level, int description) implements Decoded {
        public String describe() {
            return "TLS Alert " + TlsNames.alertLevel(level) + " " + TlsNames.alertDescription(description)
                    + " (" + description + ")";
        }
    }

    /**
     * A reassembled plaintext handshake message (RFC 5246 §7.4): {@code length} is the body length
     * plus the 4-byte header, in bytes; {@code records} how many records carried it.
     */
    record Handshake(int type, int length, int records, HandshakeBody body) implements Decoded {
        public String describe() {
            String d = body.describe();
            String spread = records > 1 ? ", in " + records + " records" : "";
            return "TLS Handshake " + TlsNames.handshakeType(type) + " (" + (d.isEmpty() ? "" : d + ", ")
                    + length + " B" + spread + ")";
        }
    }

    /** What a handshake message says. */
    sealed interface HandshakeBody {
        String describe();
    }

    /** ClientHello (RFC 5246 §7.4.1.2; extensions RFC 6066 §3 SNI, §4 max_fragment_length; RFC 8446 §4.2.1). */
    record ClientHello(int version, List<Integer> suites, String sni, int maxFragmentCode,
                       List<Integer> supportedVersions) implements HandshakeBody {
        /** The offered suites by IANA name, in the client's order of preference. */
        public List<String> suiteNames() { return suites.stream().map(TlsNames::cipherSuite).toList(); }

        public String describe() {
            int top = supportedVersions.stream().mapToInt(Integer::intValue).max().orElse(version);
            StringBuilder b = new StringBuilder(TlsNames.version(top)).append(", ").append(suites.size()).append(suites.size() == 1 ? " suite" : " suites");
            if (sni != null) b.append(", SNI ").append(sni);
            if (maxFragmentCode > 0) b.append(", max_fragment_length ").append(TlsNames.maxFragmentBytes(maxFragmentCode));
            return b.toString();
        }
    }

    /** ServerHello: {@code version} is the negotiated one (supported_versions when present). */
    record ServerHello(int version, int suite, int maxFragmentCode, boolean helloRetryRequest) implements HandshakeBody {
        public String describe() {
            return (helloRetryRequest ? "HelloRetryRequest, " : "") + TlsNames.version(version) + ", "
                    + TlsNames.cipherSuite(suite)
                    + (maxFragmentCode > 0 ? ", max_fragment_length " + TlsNames.maxFragmentBytes(maxFragmentCode) : "");
        }
    }

    /** Certificate (RFC 5246 §7.4.2): the DER size and subject of each certificate, leaf first. */
    record Certificates(List<Integer> derSizes, List<String> subjects, List<String> issuers) implements HandshakeBody {
        public String describe() { return derSizes.size() + (derSizes.size() == 1 ? " certificate " : " certificates ") + subjects; }
    }

    /** Any other handshake message; {@code detail} may be empty. */
    record OtherHandshake(String detail) implements HandshakeBody {
        public String describe() { return detail; }
    }

    /** An MQTT 3.1.1 control packet (OASIS MQTT 3.1.1 §2–3); {@code length} is the whole packet in bytes. */
    record Mqtt(String type, int length, String detail, int returnCode) implements Decoded {
        public String describe() { return "MQTT " + type + (detail.isEmpty() ? "" : " (" + detail + ")") + " " + length + " B"; }
    }

    /**
     * A TLS record still incomplete when the stream was looked at (the sender stopped, or flow
     * control held the rest back): {@code recordLength} announced, {@code arrived} fragment bytes
     * so far; {@code handshakeType}/{@code handshakeLength} name the largest handshake message
     * whose header arrived (else -1).
     */
    record PartialRecord(int contentType, int recordLength, int arrived, int handshakeType, int handshakeLength)
            implements Decoded {
        public String describe() {
            String msg = handshakeType < 0 ? TlsNames.contentType(contentType)
                    : "Handshake " + TlsNames.handshakeType(handshakeType) + " of " + handshakeLength + " B";
            return "TLS incomplete " + msg + " (record " + recordLength + " B, " + arrived + " B arrived)";
        }
    }

    /** Bytes of a protocol we do not decode (or after a decoding error). */
    record Raw(int length) implements Decoded {
        public String describe() { return "data " + length + " B"; }
    }

    /** The stream stopped making sense; later bytes of this direction are shown as {@link Raw}. */
    record Malformed(String why) implements Decoded {
        public String describe() { return "malformed: " + why; }
    }
}
