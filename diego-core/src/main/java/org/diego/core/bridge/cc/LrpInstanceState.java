package org.diego.core.bridge.cc;

/** An app instance's state as CC shows it (Diego's cc_messages.LRPInstanceState). */
public enum LrpInstanceState {
    STARTING, RUNNING, CRASHED, DOWN, UNKNOWN
}
