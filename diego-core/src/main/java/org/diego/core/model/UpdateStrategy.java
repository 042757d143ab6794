package org.diego.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How instances are replaced when the LRP's definition changes. Diego's JSON carries the protobuf
 * number (0, 1), not the name.
 */
public enum UpdateStrategy {
    ROLLING, RECREATE;

    @JsonValue
    public int code() {
        return ordinal();
    }

    public static UpdateStrategy of(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("unknown update_strategy " + code);
        }
        return values()[code];
    }

    /** Reads Diego's number, or the enum name the protobuf bridge writes for an enum field. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UpdateStrategy read(Object value) {
        if (value instanceof Integer code) {
            return of(code);
        }
        if (value instanceof String name) {
            for (UpdateStrategy s : values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown update_strategy " + value);
    }
}
