package org.diego.cell;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * A LogManager whose shutdown-time reset waits for the agent: the JDK resets logging in its own
 * shutdown hook, which runs alongside ours, and the agent's "stopping containers" lines would be lost.
 * Installed through {@code java.util.logging.manager} before anything logs; when it is not the active
 * manager (e.g. in tests) logging simply works as usual.
 */
public final class AgentLogManager extends LogManager {
    private volatile boolean agentDone;

    @Override
    public void reset() {
        if (agentDone || !shuttingDown()) {
            super.reset();
        }
    }

    /** Called last by the agent's shutdown hook. */
    static void agentStopped() {
        if (LogManager.getLogManager() instanceof AgentLogManager manager) {
            manager.agentDone = true;
            manager.reset();
        }
    }

    /** Routes every logger to stdout in the one-line format. */
    static void configure(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                root.removeHandler(h);
            }
        }
        StreamHandler stdout = new StreamHandler(System.out, new OneLineFormatter()) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush(); // one line at a time: the log is read live by tests and operators
            }
        };
        stdout.setLevel(Level.ALL);
        root.addHandler(stdout);
        root.setLevel(level);
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
