package io.twinboard.bench.inspect;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

import io.twinboard.bench.inspect.TlsTranscript.Chunk;
import io.twinboard.bench.pki.Credential;

/**
 * A TLS 1.2 ECDHE-ECDSA session between Bouncy Castle's client and server protocol engines in
 * memory, which — unlike JSSE — lets the test read the master secret, for an NSS key log.
 */
final class BcTlsSession {
    final List<Chunk> chunks = new ArrayList<>();
    String keyLog;

    private final TlsClientProtocol client = new TlsClientProtocol();
    private final TlsServerProtocol server = new TlsServerProtocol();

    /** Handshake with {@code serverCredential} (EC), then the client sends {@code request} and the server {@code answer}. */
    static BcTlsSession run(Credential serverCredential, byte[] request, byte[] answer) throws IOException {
        return run(serverCredential, (short) 0, request, answer);
    }

    /** As {@link #run(Credential, byte[], byte[])}; the client asks for max_fragment_length {@code mflCode} (RFC 6066 §4) unless 0. */
    static BcTlsSession run(Credential serverCredential, short mflCode, byte[] request, byte[] answer) throws IOException {
        JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
        BcTlsSession s = new BcTlsSession();
        s.server.accept(new DefaultTlsServer(crypto) {
            @Override protected int[] getSupportedCipherSuites() {
                return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
            }
            @Override protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }
            @Override protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
                List<TlsCertificate> chain = new ArrayList<>();
                for (var c : serverCredential.chain()) chain.add(crypto.createCertificate(der(c)));
                return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, serverCredential.privateKey(),
                        new Certificate(chain.toArray(TlsCertificate[]::new)),
                        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        });
        s.client.connect(new DefaultTlsClient(crypto) {
            @Override protected ProtocolVersion[] getSupportedVersions() { return ProtocolVersion.TLSv12.only(); }
            @Override protected int[] getSupportedCipherSuites() {
                return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
            }
            @Override public java.util.Hashtable<Integer, byte[]> getClientExtensions() throws IOException {
                @SuppressWarnings("unchecked")
                java.util.Hashtable<Integer, byte[]> ext = super.getClientExtensions();
                if (mflCode != 0) org.bouncycastle.tls.TlsExtensionsUtils.addMaxFragmentLengthExtension(ext, mflCode);
                return ext;
            }
            @Override public TlsAuthentication getAuthentication() {
                return new TlsAuthentication() {
                    @Override public void notifyServerCertificate(TlsServerCertificate serverCertificate) {}
                    @Override public TlsCredentials getClientCredentials(CertificateRequest request) { return null; }
                };
            }
            @Override public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                var p = context.getSecurityParametersConnection();
                s.keyLog = "CLIENT_RANDOM " + HexFormat.of().formatHex(p.getClientRandom()) + " "
                        + HexFormat.of().formatHex(p.getMasterSecret().extract()) + "\n";
            }
        });
        s.pump();
        if (s.client.isHandshaking() || s.keyLog == null) throw new IllegalStateException("handshake did not complete");
        s.client.writeApplicationData(request, 0, request.length);
        s.pump();
        s.server.writeApplicationData(answer, 0, answer.length);
        s.pump();
        return s;
    }

    private void pump() throws IOException {
        boolean moved = true;
        while (moved) moved = move(client, server, true) | move(server, client, false);
    }

    private boolean move(TlsProtocol from, TlsProtocol to, boolean toPeer) throws IOException {
        int n = from.getAvailableOutputBytes();
        if (n == 0) return false;
        byte[] bytes = new byte[n];
        from.readOutput(bytes, 0, n);
        chunks.add(new Chunk(toPeer, bytes.clone())); // offerInput decrypts in place
        to.offerInput(bytes);
        if (to.getAvailableInputBytes() > 0) to.readInput(new byte[to.getAvailableInputBytes()], 0, to.getAvailableInputBytes());
        return true;
    }

    private static byte[] der(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
