package org.diego.cell.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a ustar stream; names or link targets over 100 bytes go in a PAX header before the entry. */
public final class TarWriter implements Closeable {
    private final OutputStream out;
    private long uid;
    private long gid;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** The owner recorded for the entries written from now on (default 0:0). */
    public TarWriter owner(long uid, long gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    public void directory(String name, int mode, long mtimeSeconds) throws IOException {
        write(name.endsWith("/") ? name : name + "/", TarHeader.DIRECTORY, mode, 0, mtimeSeconds, null);
    }

    public void symlink(String name, String target, long mtimeSeconds) throws IOException {
        write(name, TarHeader.SYMLINK, 0777, 0, mtimeSeconds, target);
    }

    /** A regular file of exactly {@code size} bytes read from {@code content}. */
    public void file(String name, int mode, long size, long mtimeSeconds, InputStream content) throws IOException {
        write(name, TarHeader.REGULAR, mode, size, mtimeSeconds, null);
        long copied = content.transferTo(new BoundedOutput(out, size));
        if (copied != size) {
            throw new IOException("file " + name + " changed size while archiving");
        }
        pad(size);
    }

    /** Writes the two zero blocks that end the archive; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * TarHeader.BLOCK]);
        out.flush();
    }

    private void write(String name, byte type, int mode, long size, long mtime, String link) throws IOException {
        StringBuilder pax = new StringBuilder();
        if (bytes(name) > TarHeader.NAME_MAX) {
            pax.append(record("path", name));
        }
        if (link != null && bytes(link) > TarHeader.NAME_MAX) {
            pax.append(record("linkpath", link));
        }
        if (!pax.isEmpty()) {
            byte[] records = pax.toString().getBytes(StandardCharsets.UTF_8);
            header("././@PaxHeader", TarHeader.PAX, 0644, records.length, mtime, null);
            out.write(records);
            pad(records.length);
        }
        header(truncate(name), type, mode, size, mtime, link == null ? null : truncate(link));
    }

    private void header(String name, byte type, int mode, long size, long mtime, String link) throws IOException {
        TarHeader h = new TarHeader();
        h.name = name;
        h.type = type;
        h.mode = mode;
        h.size = size;
        h.mtimeSeconds = Math.max(0, mtime);
        h.uid = uid;
        h.gid = gid;
        h.linkName = link;
        out.write(h.toBlock());
    }

    private void pad(long size) throws IOException {
        long pad = (TarHeader.BLOCK - size % TarHeader.BLOCK) % TarHeader.BLOCK;
        out.write(new byte[(int) pad]);
    }

    /** A PAX record "<length> key=value\n", whose length counts its own digits. */
    private static String record(String key, String value) {
        int body = bytes(" " + key + "=" + value + "\n");
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= TarHeader.NAME_MAX ? s : new String(b, 0, TarHeader.NAME_MAX, StandardCharsets.UTF_8);
    }

    /** Refuses to write more than the size announced in the header. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long size) {
            this.out = out;
            this.left = size;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("file grew while archiving");
            }
            out.write(b, off, len);
            left -= len;
        }
    }
}
