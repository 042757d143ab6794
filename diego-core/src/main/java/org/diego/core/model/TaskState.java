package org.diego.core.model;

import java.util.Arrays;

/**
 * Diego's Task states. The constant names are the JSON spelling (Diego marshals the enum by name);
 * {@link #code()} is the protobuf number, which is also what the {@code tasks.state} column stores.
 */
public enum TaskState {
    Invalid(0), Pending(1), Running(2), Completed(3), Resolving(4);

    private final int code;

    TaskState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TaskState ofCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task state " + code));
    }
}
