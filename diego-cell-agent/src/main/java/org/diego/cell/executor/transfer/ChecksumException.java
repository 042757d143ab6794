package org.diego.cell.executor.transfer;

import java.io.IOException;

/** The download did not match its checksum (Diego's ChecksumFailedError); never retried. */
public final class ChecksumException extends IOException {
    private static final long serialVersionUID = 1L;

    ChecksumException(String what, String expected, String received) {
        super("Checksum failed: '" + what + "', expected '" + expected + "', got '" + received + "'");
    }
}
