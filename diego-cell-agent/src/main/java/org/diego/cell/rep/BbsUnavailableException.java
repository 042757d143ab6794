package org.diego.cell.rep;

/** A lifecycle call got no answer: it could not be sent, or no reply came within the timeout. */
public class BbsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BbsUnavailableException(String message) {
        super(message);
    }

    public BbsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
