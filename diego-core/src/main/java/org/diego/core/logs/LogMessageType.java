package org.diego.core.logs;

/** Which stream a log line came from, as Loggregator's LogMessage.MessageType names them. */
public enum LogMessageType {
    OUT,
    ERR
}
