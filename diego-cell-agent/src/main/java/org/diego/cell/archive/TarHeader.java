package org.diego.cell.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One 512-byte ustar header block: parsing and writing the fields the agent uses. */
final class TarHeader {
    static final int BLOCK = 512;
    static final byte REGULAR = '0';
    static final byte HARD_LINK = '1';
    static final byte SYMLINK = '2';
    static final byte DIRECTORY = '5';
    static final byte PAX = 'x';
    static final byte PAX_GLOBAL = 'g';
    static final byte GNU_LONG_NAME = 'L';
    static final byte GNU_LONG_LINK = 'K';
    static final int NAME_MAX = 100;

    String name;
    int mode;
    long uid;
    long gid;
    long size;
    long mtimeSeconds;
    byte type;
    String linkName;

    /** Null for an all-zero block, the end of the archive. */
    static TarHeader parse(byte[] block) throws IOException {
        if (isZero(block)) {
            return null;
        }
        if (checksum(block) != parseNumber(block, 148, 8)) {
            throw new IOException("corrupt tar header (bad checksum)");
        }
        TarHeader h = new TarHeader();
        h.name = string(block, 0, 100);
        h.mode = (int) parseNumber(block, 100, 8);
        h.uid = parseNumber(block, 108, 8);
        h.gid = parseNumber(block, 116, 8);
        h.size = parseNumber(block, 124, 12);
        h.mtimeSeconds = parseNumber(block, 136, 12);
        h.type = block[156];
        h.linkName = string(block, 157, 100);
        boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? string(block, 345, 155) : "";
        if (!prefix.isEmpty()) {
            h.name = prefix + "/" + h.name;
        }
        return h;
    }

    /** The header block; the caller keeps names within {@link #NAME_MAX} bytes (longer ones go in PAX). */
    byte[] toBlock() {
        byte[] block = new byte[BLOCK];
        put(block, 0, 100, name);
        putOctal(block, 100, 8, mode);
        putOctal(block, 108, 8, uid);
        putOctal(block, 116, 8, gid);
        putOctal(block, 124, 12, size);
        putOctal(block, 136, 12, mtimeSeconds);
        block[156] = type;
        put(block, 157, 100, linkName == null ? "" : linkName);
        put(block, 257, 6, "ustar");
        put(block, 263, 2, "00");
        Arrays.fill(block, 148, 156, (byte) ' ');
        String sum = String.format("%06o", checksum(block));
        put(block, 148, 6, sum);
        block[154] = 0;
        block[155] = ' ';
        return block;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long checksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
        }
        return sum;
    }

    private static String string(byte[] block, int from, int length) {
        int end = from;
        while (end < from + length && block[end] != 0) {
            end++;
        }
        return new String(block, from, end - from, StandardCharsets.UTF_8);
    }

    /** Octal, or GNU base-256 when the high bit of the first byte is set. */
    private static long parseNumber(byte[] block, int from, int length) throws IOException {
        if ((block[from] & 0x80) != 0) {
            long value = block[from] & 0x7f;
            for (int i = from + 1; i < from + length; i++) {
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        String text = new String(block, from, length, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("corrupt tar header (bad number '" + text + "')");
        }
    }

    private static void put(byte[] block, int from, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, block, from, Math.min(bytes.length, length));
    }

    private static void putOctal(byte[] block, int from, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a tar header: " + value);
        }
        put(block, from, length - 1, "0".repeat(length - 1 - digits.length()) + digits);
    }
}
