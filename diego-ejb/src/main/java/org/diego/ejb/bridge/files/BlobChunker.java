package org.diego.ejb.bridge.files;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Splits a stream into chunks of at most {@link #CHUNK_SIZE} bytes for the database, computing size
 * and MD5 on the way; only one chunk is ever in memory.
 */
public final class BlobChunker {
    /** 1 MiB: far below MariaDB's default max_allowed_packet of 16 MiB, and a MEDIUMBLOB holds it. */
    public static final int CHUNK_SIZE = 1024 * 1024;

    /** Receives each chunk in order. */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(int index, byte[] chunk) throws IOException;
    }

    private BlobChunker() {
    }

    public static BlobInfo split(String key, String contentType, InputStream in, ChunkSink sink) throws IOException {
        return split(key, contentType, in, sink, CHUNK_SIZE);
    }

    static BlobInfo split(String key, String contentType, InputStream in, ChunkSink sink, int chunkSize) throws IOException {
        MessageDigest md5 = md5();
        byte[] buffer = new byte[chunkSize];
        long size = 0;
        int index = 0;
        while (true) {
            int filled = in.readNBytes(buffer, 0, chunkSize);
            if (filled == 0) {
                break;
            }
            md5.update(buffer, 0, filled);
            sink.accept(index++, Arrays.copyOf(buffer, filled));
            size += filled;
            if (filled < chunkSize) {
                break;
            }
        }
        return new BlobInfo(key, size, HexFormat.of().formatHex(md5.digest()), contentType, index);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
