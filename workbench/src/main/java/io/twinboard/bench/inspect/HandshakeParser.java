package io.twinboard.bench.inspect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.twinboard.bench.inspect.Decoded.Certificates;
import io.twinboard.bench.inspect.Decoded.ClientHello;
import io.twinboard.bench.inspect.Decoded.HandshakeBody;
import io.twinboard.bench.inspect.Decoded.OtherHandshake;
import io.twinboard.bench.inspect.Decoded.ServerHello;

/** Parses the body of plaintext handshake messages (RFC 5246 §7.4, RFC 8446 §4). */
final class HandshakeParser {
    static final int CLIENT_HELLO = 1, SERVER_HELLO = 2, NEW_SESSION_TICKET = 4, CERTIFICATE = 11,
            SERVER_KEY_EXCHANGE = 12, CERTIFICATE_REQUEST = 13, SERVER_HELLO_DONE = 14, CLIENT_KEY_EXCHANGE = 16;
    private static final int EXT_SNI = 0, EXT_MAX_FRAGMENT = 1, EXT_SUPPORTED_VERSIONS = 43;
    /** ServerHello.random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
    private static final byte[] HRR_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private HandshakeParser() {}

    /** Parses {@code body} of a message of {@code type}; {@code suite} is the negotiated one (-1 if unknown). */
    static HandshakeBody parse(int type, byte[] body, int suite) {
        try {
            return switch (type) {
                case CLIENT_HELLO -> clientHello(new Cursor(body));
                case SERVER_HELLO -> serverHello(new Cursor(body));
                case CERTIFICATE -> certificates(new Cursor(body));
                case SERVER_KEY_EXCHANGE -> new OtherHandshake(serverKeyExchange(body, suite));
                case CERTIFICATE_REQUEST -> new OtherHandshake("client certificate requested");
                case CLIENT_KEY_EXCHANGE, SERVER_HELLO_DONE, NEW_SESSION_TICKET -> new OtherHandshake("");
                default -> new OtherHandshake("");
            };
        } catch (Cursor.Truncated e) {
            return new OtherHandshake("truncated body");
        }
    }

    private static ClientHello clientHello(Cursor c) {
        int version = c.u16();
        c.skip(32);
        c.skip(c.u8());
        Cursor suites = c.sub(c.u16());
        List<Integer> list = new ArrayList<>();
        while (suites.remaining() >= 2) list.add(suites.u16());
        c.skip(c.u8());
        String sni = null;
        int mfl = 0;
        List<Integer> versions = new ArrayList<>();
        if (c.remaining() >= 2) {
            Cursor ext = c.sub(c.u16());
            while (ext.remaining() >= 4) {
                int t = ext.u16();
                Cursor e = ext.sub(ext.u16());
                switch (t) {
                    case EXT_SNI -> sni = serverName(e);
                    case EXT_MAX_FRAGMENT -> mfl = e.u8();
                    case EXT_SUPPORTED_VERSIONS -> {
                        Cursor v = e.sub(e.u8());
                        while (v.remaining() >= 2) versions.add(v.u16());
                    }
                    default -> { }
                }
            }
        }
        return new ClientHello(version, List.copyOf(list), sni, mfl, List.copyOf(versions));
    }

    private static String serverName(Cursor e) {
        Cursor list = e.sub(e.u16());
        while (list.remaining() >= 3) {
            int nameType = list.u8();
            byte[] name = list.bytes(list.u16());
            if (nameType == 0) return new String(name, StandardCharsets.US_ASCII);
        }
        return null;
    }

    private static ServerHello serverHello(Cursor c) {
        int version = c.u16();
        boolean hrr = Arrays.equals(c.bytes(32), HRR_RANDOM);
        c.skip(c.u8());
        int suite = c.u16();
        c.u8();
        int mfl = 0;
        if (c.remaining() >= 2) {
            Cursor ext = c.sub(c.u16());
            while (ext.remaining() >= 4) {
                int t = ext.u16();
                Cursor e = ext.sub(ext.u16());
                if (t == EXT_SUPPORTED_VERSIONS && e.remaining() >= 2) version = e.u16();
                else if (t == EXT_MAX_FRAGMENT && e.remaining() >= 1) mfl = e.u8();
            }
        }
        return new ServerHello(version, suite, mfl, hrr);
    }

    private static Certificates certificates(Cursor c) {
        Cursor list = c.sub(c.u24());
        List<Integer> sizes = new ArrayList<>();
        List<String> subjects = new ArrayList<>(), issuers = new ArrayList<>();
        CertificateFactory cf = x509();
        while (list.remaining() >= 3) {
            byte[] der = list.bytes(list.u24());
            sizes.add(der.length);
            try {
                X509Certificate x = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                subjects.add(commonName(x.getSubjectX500Principal().getName()));
                issuers.add(commonName(x.getIssuerX500Principal().getName()));
            } catch (CertificateException e) {
                subjects.add("(unparsable " + der.length + " B)");
                issuers.add("?");
            }
        }
        return new Certificates(List.copyOf(sizes), List.copyOf(subjects), List.copyOf(issuers));
    }

    /** ECDHE parameters name their curve (RFC 8422 §5.4); other key exchanges are just sized. */
    private static String serverKeyExchange(byte[] body, int suite) {
        if (!TlsNames.cipherSuite(suite).contains("ECDHE") || body.length < 3 || body[0] != 3) return "";
        return "ECDHE " + TlsNames.namedGroup((body[1] & 0xFF) << 8 | body[2] & 0xFF);
    }

    /** {@code CN=x,O=y} → {@code x}; the whole name when it has no CN. */
    static String commonName(String rfc2253) {
        for (String part : rfc2253.split(",")) if (part.startsWith("CN=")) return part.substring(3);
        return rfc2253;
    }

    private static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hex(String s) {
        byte[] r = new byte[s.length() / 2];
        for (int i = 0; i < r.length; i++) r[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return r;
    }
}
