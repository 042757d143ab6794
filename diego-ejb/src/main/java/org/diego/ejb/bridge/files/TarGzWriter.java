package org.diego.ejb.bridge.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A minimal gzipped ustar writer for the lifecycle bundles: regular files only, fixed owner and
 * mtime 0, so the same files always give the same bytes (and the same ETag on every instance).
 */
public final class TarGzWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    private final GZIPOutputStream out;

    public TarGzWriter(OutputStream target) throws IOException {
        this.out = new GZIPOutputStream(target);
    }

    /** Adds a regular file; {@code name} must fit ustar's 100 bytes. */
    public void add(String name, byte[] content, int mode) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length == 0 || nameBytes.length > 100) {
            throw new IllegalArgumentException("tar entry name must be 1..100 bytes: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, 0);
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 265, "root");
        put(header, 297, "root");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        put(header, 148, chk);
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[pad]);
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }

    /** A whole archive in memory (the bundles are a few KiB). */
    public static byte[] of(java.util.Map<String, byte[]> files, int mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarGzWriter tar = new TarGzWriter(bytes)) {
            for (var e : files.entrySet()) {
                tar.add(e.getKey(), e.getValue(), mode);
            }
        }
        return bytes.toByteArray();
    }

    private static void octal(byte[] header, int at, int width, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, width - 1 - s.length())) + s;
        put(header, at, padded);
        header[at + width - 1] = 0;
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
