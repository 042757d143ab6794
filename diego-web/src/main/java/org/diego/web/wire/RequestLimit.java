package org.diego.web.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The largest request body the API reads, MicroProfile Config {@value #KEY} (default 1 MiB: Diego's
 * largest request, a DesiredLRP, is at most 128 KiB of routes, a 10 KiB annotation and its recipe).
 * Bigger bodies are refused with InvalidRequest before, or as soon as, the limit is passed.
 */
public final class RequestLimit {
    public static final String KEY = "diego.api.max-request-bytes";
    public static final long DEFAULT_BYTES = 1L << 20;
    private static final Logger LOG = Logger.getLogger(RequestLimit.class.getName());
    private static final int CHUNK = 8192;

    private final long maxBytes;

    public RequestLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException(KEY + " must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The configured limit; the default when no MicroProfile Config is present (unit tests) or it is invalid. */
    public static RequestLimit configured() {
        try {
            long value = ConfigProvider.getConfig().getOptionalValue(KEY, Long.class).orElse(DEFAULT_BYTES);
            return new RequestLimit(value);
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> "using the default " + KEY + ": " + e);
            return new RequestLimit(DEFAULT_BYTES);
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads the whole body, refusing it unread when {@code contentLength} already exceeds the limit, and
     * after at most limit + one chunk of bytes when a body without a (truthful) length does.
     */
    public byte[] read(InputStream body, String contentLength) throws IOException {
        long declared = parse(contentLength);
        if (declared > maxBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = body.read(chunk)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge();
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private DiegoException tooLarge() {
        return new DiegoException(ErrorType.InvalidRequest,
                "request body exceeds the limit of " + maxBytes + " bytes (" + KEY + ")");
    }

    private static long parse(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
