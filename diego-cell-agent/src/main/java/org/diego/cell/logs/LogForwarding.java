package org.diego.cell.logs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the forwarding: one thread reads containers' output and sends buffered lines every flush
 * interval, another samples container metrics every metrics interval (a slow disk walk must not hold
 * up logs). Failures are logged at most once per outage and retried on the next tick.
 */
public final class LogForwarding implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogForwarding.class.getName());

    private final LogConfig config;
    private final LogCapture capture;
    private final LogShipper shipper;
    private final BatchSender sender;
    private final ContainerMetricsReporter metrics;
    private final ScheduledExecutorService logThread = Executors.newSingleThreadScheduledExecutor(daemon("log-forwarder"));
    private final ScheduledExecutorService metricsThread =
            Executors.newSingleThreadScheduledExecutor(daemon("container-metrics"));
    private boolean failing; // only touched on the log thread

    public LogForwarding(LogConfig config, LogCapture capture, LogShipper shipper, BatchSender sender,
                         ContainerMetricsReporter metrics) {
        this.config = config;
        this.capture = capture;
        this.shipper = shipper;
        this.sender = sender;
        this.metrics = metrics;
    }

    public void start() {
        long flush = config.flushInterval().toMillis();
        logThread.scheduleWithFixedDelay(this::tick, flush, flush, TimeUnit.MILLISECONDS);
        long every = config.metricsInterval().toMillis();
        metricsThread.scheduleWithFixedDelay(this::sample, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            capture.pollAll();
            shipper.flush(sender);
            if (failing) {
                failing = false;
                LOG.info("forwarding logs again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cannot forward logs (" + e.getMessage() + "); buffering up to "
                        + config.bufferLines() + " lines, oldest dropped first");
            }
        }
    }

    private void sample() {
        try {
            metrics.report();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "container metrics failed", e);
        }
    }

    /** Stops both threads after one last read and send (best effort). */
    @Override
    public void close() {
        metricsThread.shutdownNow();
        logThread.shutdown();
        try {
            logThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
