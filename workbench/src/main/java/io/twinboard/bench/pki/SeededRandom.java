package io.twinboard.bench.pki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A deterministic {@link SecureRandom} for reproducible test PKIs: output block {@code i} is
 * {@code SHA-256(seed || label || i)} (32 bytes). Same seed and label, same byte stream, on every
 * JVM. <b>Not</b> a source of secrets: it exists so scenario runs produce bit-identical
 * certificates and keys. {@link #setSeed} calls are ignored (the stream stays reproducible).
 */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeededRandom(long seed, String label) {
        super(new Spi(seed, label), null);
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final byte[] prefix;
        private final MessageDigest sha256;
        private final byte[] block = new byte[32];
        private long counter;
        private int used = block.length;

        Spi(long seed, String label) {
            byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
            prefix = ByteBuffer.allocate(8 + labelBytes.length).putLong(seed).put(labelBytes).array();
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Ignored on purpose: reproducibility matters more than mixing in caller entropy.
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    refill();
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            engineNextBytes(out);
            return out;
        }

        private void refill() {
            sha256.update(prefix);
            sha256.update(ByteBuffer.allocate(8).putLong(counter++).array());
            try {
                sha256.digest(block, 0, block.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
            used = 0;
        }
    }
}
