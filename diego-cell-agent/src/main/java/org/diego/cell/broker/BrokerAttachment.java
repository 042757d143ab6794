package org.diego.cell.broker;

import jakarta.jms.JMSContext;

/** Something that keeps sessions on the broker connection and must recreate them after a reconnect. */
public interface BrokerAttachment {
    /** Creates this attachment's sessions on a fresh connection (via {@code connection.createContext}). */
    void attach(JMSContext connection);

    /** Drops the sessions of a lost or closing connection. Must not throw; may be called when not attached. */
    void detach();
}
