package org.diego.core.model;

/** A refused operation; carries the Diego error type reported to the caller. */
public class DiegoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorType type;

    public DiegoException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    public DiegoError toError() {
        return new DiegoError(type, getMessage());
    }

    public static DiegoException notFound(String what) {
        return new DiegoException(ErrorType.ResourceNotFound, "the requested resource could not be found: " + what);
    }
}
