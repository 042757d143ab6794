package org.diego.core.model;

/** Invalid input: names the offending field, so a client knows what to fix. */
public class ValidationException extends DiegoException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ValidationException(String field, String reason) {
        super(ErrorType.InvalidRequest, "Invalid field: " + field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
