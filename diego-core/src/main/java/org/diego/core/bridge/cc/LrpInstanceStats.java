package org.diego.core.bridge.cc;

/**
 * Resource usage of one instance: {@code time} is when it was read (RFC 3339), {@code cpu} a fraction
 * (0.5 = 50 %, Diego divides the metric's percentage by 100), {@code mem} and {@code disk} bytes.
 */
public record LrpInstanceStats(String time, double cpu, long mem, long disk) {

    public LrpInstanceStats zeroed() {
        return new LrpInstanceStats(time, 0, 0, 0);
    }
}
