package org.diego.core.logs;

/**
 * One line of an application's log, as Loggregator's LogMessage carries it: the log guid (the app),
 * the source type ({@code APP/PROC/WEB}, {@code CELL}, {@code HEALTH}, {@code STG}, ...), the source
 * instance (the instance index as text, "0" for tasks), stdout or stderr, the text without its line
 * end, and when the cell read it, in nanoseconds since the epoch.
 */
public record LogEnvelope(String logGuid, String sourceType, String sourceInstance, LogMessageType messageType,
                          String message, long timestampNs) {
    /** Why this envelope cannot be stored, or null when it can; names the field. */
    public String problem() {
        if (logGuid == null || logGuid.isBlank()) {
            return "log_guid is required";
        }
        if (messageType == null) {
            return "message_type must be OUT or ERR";
        }
        if (message == null) {
            return "message is required";
        }
        return null;
    }
}
