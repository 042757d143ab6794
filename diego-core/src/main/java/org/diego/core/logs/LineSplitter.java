package org.diego.core.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the chunks of one output stream into lines, as Diego's executor's log streamer does before
 * handing them to Loggregator: "\n" and "\r" both end a line, and empty lines are not sent; a chunk may
 * end mid-line, so the partial last line is kept for the next chunk (or {@link #flush}); a line longer
 * than {@code maxLineBytes} is cut into pieces of at most that many bytes (Diego: 61440), never inside a
 * UTF-8 character. Not thread-safe: one splitter per stream.
 */
public final class LineSplitter {
    /** Diego's executor's limit on one message (its log streamer's MAX_MESSAGE_SIZE). */
    public static final int DEFAULT_MAX_LINE_BYTES = 61440;

    private final int maxLineBytes;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LineSplitter() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    public LineSplitter(int maxLineBytes) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("maxLineBytes must be at least 4 (one UTF-8 character): " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The complete lines {@code bytes[offset, offset+length)} finishes, without their line ends. */
    public List<String> feed(byte[] bytes, int offset, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                if (partial.size() > 0) {
                    lines.add(take());
                }
            } else {
                partial.write(b);
                if (partial.size() > maxLineBytes) {
                    cut(lines);
                }
            }
        }
        return lines;
    }

    public List<String> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** The partial last line, if any, as a line of its own (the stream ended). */
    public List<String> flush() {
        return partial.size() == 0 ? List.of() : List.of(take());
    }

    /** Bytes held back waiting for a line end. */
    public int pending() {
        return partial.size();
    }

    /** The buffer holds maxLineBytes + 1 bytes: emit the longest prefix that ends on a character boundary. */
    private void cut(List<String> lines) {
        byte[] held = partial.toByteArray();
        int end = maxLineBytes;
        // Back up over continuation bytes (10xxxxxx) so the character they belong to stays whole.
        while (end > 0 && (held[end] & 0xC0) == 0x80) {
            end--;
        }
        if (end == 0) {
            end = maxLineBytes; // not UTF-8 at all: cut where the limit says
        }
        lines.add(new String(held, 0, end, StandardCharsets.UTF_8));
        partial.reset();
        partial.write(held, end, held.length - end);
    }

    private String take() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line;
    }
}
