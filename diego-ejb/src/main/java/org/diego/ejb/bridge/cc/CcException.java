package org.diego.ejb.bridge.cc;

/** Cloud Controller could not be reached, answered an unexpected status or a body we cannot read. */
public class CcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CcException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status CC answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
