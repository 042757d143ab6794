package org.diego.cell.executor.steps;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Go's renderings that end up in Diego's messages: durations ("1m30s", "500ms") and byte sizes ("1.5M"). */
public final class Formats {
    private Formats() {
    }

    /** Go's time.Duration.String(). */
    public static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + fraction(n, 1_000) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + fraction(n, 1_000_000) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        long secondNanos = n % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(secondNanos, 1_000_000_000)).append('s').toString();
    }

    /** code.cloudfoundry.org/bytefmt ByteSize: one decimal, ".0" dropped, unit B/K/M/G/T/P/E. */
    public static String bytes(long bytes) {
        String[] units = {"E", "P", "T", "G", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes >= unit) {
                String value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_EVEN)
                        .toPlainString();
                return (value.endsWith(".0") ? value.substring(0, value.length() - 2) : value) + units[i];
            }
        }
        return bytes + "B";
    }

    private static String fraction(long value, long unit) {
        String s = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
        return s;
    }
}
