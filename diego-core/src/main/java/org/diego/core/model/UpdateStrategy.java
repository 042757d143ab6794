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

    @JsonCreator
    public static UpdateStrategy of(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("unknown update_strategy " + code);
        }
        return values()[code];
    }
}
