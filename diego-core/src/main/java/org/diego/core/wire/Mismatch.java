package org.diego.core.wire;

/**
 * A value that does not fit its field, thrown inside the bridge and rethrown by its public methods as
 * the Diego error of the direction (InvalidJSON or InvalidProtobufMessage), naming the field path.
 */
final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private String path = "";

    Mismatch(String message) {
        super(message, null, false, false);
    }

    /** Prefixes the path with the enclosing key or index; cheap because it only runs on failure. */
    Mismatch under(String key) {
        path = path.isEmpty() ? key : path.startsWith("[") ? key + path : key + "." + path;
        return this;
    }

    Mismatch at(int index) {
        path = "[" + index + "]" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
        return this;
    }

    String describe() {
        return (path.isEmpty() ? "" : " in field " + path) + ": " + getMessage();
    }
}
