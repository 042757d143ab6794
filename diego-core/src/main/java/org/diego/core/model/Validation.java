package org.diego.core.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Field checks shared by the models; each throws {@link ValidationException} naming the field. */
public final class Validation {
    /** Diego's guid rule for process and task guids. */
    public static final Pattern GUID = Pattern.compile("^[a-zA-Z0-9_-]+$");
    public static final int MAX_ANNOTATION_BYTES = 10 * 1024;
    /** Diego's limit on the summed JSON of all route values. */
    public static final int MAX_ROUTES_BYTES = 128 * 1024;
    /** Diego's limit on the summed content of volume-mounted files. */
    public static final int MAX_VOLUME_MOUNTED_FILES_BYTES = 1024 * 1024;
    /** A URL scheme as Go's url.Parse recognises it; Diego refuses a rootfs without one. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private Validation() {
    }

    public static void guid(String field, String value) {
        required(field, value);
        if (!GUID.matcher(value).matches()) {
            throw new ValidationException(field, "must match " + GUID.pattern());
        }
    }

    public static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }

    public static void required(String field, Object value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
    }

    public static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, "must not be negative");
        }
    }

    public static void atMost(String field, long value, long max) {
        if (value > max) {
            throw new ValidationException(field, "must be at most " + max);
        }
    }

    /** A TCP/UDP port: 1 to 65535. */
    public static void port(String field, long value) {
        if (value < 1 || value > 65535) {
            throw new ValidationException(field, "must be a port number between 1 and 65535");
        }
    }

    /** At most {@code max} bytes of UTF-8 (Diego measures Go strings, which are bytes). */
    public static void maxBytes(String field, String value, int max) {
        if (value != null && utf8Length(value) > max) {
            throw new ValidationException(field, "must be at most " + max / 1024 + " KiB");
        }
    }

    public static int utf8Length(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A rootfs is a URL with a scheme, e.g. {@code preloaded:cflinuxfs4} or {@code docker:///busybox}. */
    public static void rootfs(String field, String value) {
        required(field, value);
        if (!SCHEME.matcher(value).matches() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ValidationException(field, "must be a URL with a scheme, e.g. preloaded:cflinuxfs4");
        }
    }

    /** Checks each element as {@code field[i]}; a null element is itself the bad field. */
    public static <T> void each(String field, List<T> values, BiConsumer<String, T> check) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String at = field + "[" + i + "]";
            T value = values.get(i);
            required(at, value);
            check.accept(at, value);
        }
    }

    /** Diego's download/cached-dependency checksum rule: both or neither, and a known algorithm. */
    public static void checksum(String field, String algorithm, String value) {
        boolean hasAlgorithm = algorithm != null && !algorithm.isEmpty();
        boolean hasValue = value != null && !value.isEmpty();
        if (hasValue && !hasAlgorithm) {
            throw new ValidationException(field + ".checksum_algorithm", "is required with checksum_value");
        }
        if (hasAlgorithm && !hasValue) {
            throw new ValidationException(field + ".checksum_value", "is required with checksum_algorithm");
        }
        if (hasAlgorithm && !List.of("md5", "sha1", "sha256").contains(algorithm.toLowerCase(java.util.Locale.ROOT))) {
            throw new ValidationException(field + ".checksum_algorithm", "must be one of md5, sha1, sha256");
        }
    }

    /** Names a sub-field: {@code ("action", "run") -> "action.run"}, {@code ("", "x") -> "x"}. */
    public static String sub(String field, String name) {
        return field == null || field.isEmpty() ? name : field + "." + name;
    }
}
