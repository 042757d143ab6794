package org.diego.cell.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry. GNU long names and PAX {@code path}/{@code linkpath}/{@code size}
 * records are folded into the entry they describe; global PAX headers are skipped.
 */
public final class TarReader {
    private final InputStream in;
    private long remaining; // content bytes of the current entry not yet read
    private long padding;
    private boolean ended;

    /**
     * One entry; read its content from the reader before asking for the next. {@code uid}/{@code gid} are
     * the owner the archive records (image layers need them; StreamIn sets its own).
     */
    public record Entry(String name, Kind kind, int mode, long size, long mtimeSeconds, String linkName, long uid,
                        long gid) {
    }

    public enum Kind { FILE, DIRECTORY, SYMLINK, HARD_LINK, OTHER }

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end. */
    public Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        String longLink = null;
        Long paxSize = null;
        Long paxUid = null;
        Long paxGid = null;
        while (!ended) {
            byte[] block = in.readNBytes(TarHeader.BLOCK);
            if (block.length == 0) {
                ended = true;
                return null;
            }
            if (block.length < TarHeader.BLOCK) {
                throw new IOException("truncated tar stream");
            }
            TarHeader h = TarHeader.parse(block);
            if (h == null) {
                ended = true;
                return null;
            }
            long pad = (TarHeader.BLOCK - h.size % TarHeader.BLOCK) % TarHeader.BLOCK; // of extension headers
            switch (h.type) {
                case TarHeader.GNU_LONG_NAME -> longName = trimNul(readString(h.size, pad));
                case TarHeader.GNU_LONG_LINK -> longLink = trimNul(readString(h.size, pad));
                case TarHeader.PAX -> {
                    for (String record : readString(h.size, pad).split("\n")) {
                        int space = record.indexOf(' ');
                        int eq = record.indexOf('=');
                        if (space < 0 || eq < space) {
                            continue;
                        }
                        String key = record.substring(space + 1, eq);
                        String value = record.substring(eq + 1);
                        switch (key) {
                            case "path" -> longName = value;
                            case "linkpath" -> longLink = value;
                            case "size" -> paxSize = Long.parseLong(value);
                            case "uid" -> paxUid = Long.parseLong(value);
                            case "gid" -> paxGid = Long.parseLong(value);
                            default -> { }
                        }
                    }
                }
                case TarHeader.PAX_GLOBAL -> skip(h.size + pad);
                default -> {
                    Kind kind = kind(h);
                    // As Go's reader: links and directories carry no data, whatever their size field says.
                    boolean headerOnly = kind == Kind.DIRECTORY || kind == Kind.SYMLINK || kind == Kind.HARD_LINK;
                    long size = headerOnly ? 0 : paxSize != null ? paxSize : h.size;
                    remaining = size;
                    padding = (TarHeader.BLOCK - size % TarHeader.BLOCK) % TarHeader.BLOCK;
                    return new Entry(longName != null ? longName : h.name, kind, h.mode & 07777, size,
                            h.mtimeSeconds, longLink != null ? longLink : h.linkName,
                            paxUid != null ? paxUid : h.uid, paxGid != null ? paxGid : h.gid);
                }
            }
        }
        return null;
    }

    /** The current entry's content; reading past it returns end of stream. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new IOException("truncated tar stream");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private static Kind kind(TarHeader h) {
        return switch (h.type) {
            case TarHeader.REGULAR, 0, '7' -> h.name.endsWith("/") ? Kind.DIRECTORY : Kind.FILE;
            case TarHeader.DIRECTORY -> Kind.DIRECTORY;
            case TarHeader.SYMLINK -> Kind.SYMLINK;
            case TarHeader.HARD_LINK -> Kind.HARD_LINK;
            default -> Kind.OTHER;
        };
    }

    private String readString(long size, long pad) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extension header too large");
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            throw new IOException("truncated tar stream");
        }
        skip(pad);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar stream");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
