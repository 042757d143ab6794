package org.diego.cell;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.diego.cell.broker.BrokerLink;
import org.diego.cell.broker.OpenMq;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.rep.CellMessageDispatcher;
import org.diego.cell.rep.CellStateReporter;
import org.diego.cell.rep.JmsBbsClient;
import org.diego.cell.rep.JmsWorkConsumer;
import org.diego.cell.rep.LrpProcessor;
import org.diego.cell.rep.PresenceHeartbeat;
import org.diego.cell.rep.TaskProcessor;
import org.diego.core.time.GuidGenerator;

/**
 * Wires one cell: container backend (process or runc) → executor → rep, attached to the broker.
 * {@link #run} blocks until {@link #stop} (the SIGTERM hook) has stopped every container and closed the
 * connection.
 */
public final class CellAgent {
    private static final Logger LOG = Logger.getLogger(CellAgent.class.getName());
    /** Diego's BBS client: 3 attempts, 500 ms apart. */
    private static final int LIFECYCLE_ATTEMPTS = 3;
    private static final Duration LIFECYCLE_BACKOFF = Duration.ofMillis(500);
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(2);
    /** See LrpProcessor#reportCompletion: long enough for the shutdown hook to start. */
    private static final Duration SIGNAL_SETTLE = Duration.ofMillis(500);

    private final CellAgentConfig config;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("agent-timer"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("rep-worker"));
    private final CellExecutor executor;
    private final LrpProcessor processor;
    private final TaskProcessor tasks;
    private final JmsBbsClient bbs;
    private final BrokerLink link;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile ScheduledFuture<?> heartbeats;

    public CellAgent(CellAgentConfig config, ConnectionFactory broker, Clock clock, GuidGenerator guids) {
        this.config = config;
        ContainerBackend backend = Backends.create(config, new HostPortAllocator(), timers);
        this.executor = new CellExecutor(backend, config.capacity(), clock);
        this.bbs = new JmsBbsClient(config.replyTimeout());
        this.processor = new LrpProcessor(config.cellId(), executor, bbs, guids, workers, LIFECYCLE_ATTEMPTS,
                LIFECYCLE_BACKOFF, SIGNAL_SETTLE);
        this.tasks = new TaskProcessor(config.cellId(), executor, bbs, workers, LIFECYCLE_ATTEMPTS, LIFECYCLE_BACKOFF,
                SIGNAL_SETTLE);
        CellStateReporter state = new CellStateReporter(config.presence(), executor, List.of(), stopping::get);
        JmsWorkConsumer consumer = new JmsWorkConsumer(config.cellId(),
                new CellMessageDispatcher(processor, state, tasks));
        this.link = new BrokerLink(config.brokerUrl(), broker::createContext, List.of(bbs, consumer), CONNECT_RETRY);
    }

    public static CellAgent create(CellAgentConfig config) {
        ConnectionFactory broker = OpenMq.connectionFactory(config.brokerUrl(), config.brokerUser(),
                config.brokerPassword());
        return new CellAgent(config, broker, Clock.systemUTC(), GuidGenerator.RANDOM);
    }

    /** Runs until stopped; returns the process exit code (2: the broker never answered). */
    public int run() throws InterruptedException {
        int reaped = executor.reapUnknownContainers();
        if (reaped > 0) {
            LOG.info(() -> "destroyed " + reaped + " container(s) left over in " + config.workDir());
        }
        LOG.info(() -> "cell agent " + config.cellId() + " connecting to " + config.brokerUrl() + " (zone "
                + config.zone() + ", capacity " + config.capacity() + ", address " + config.address()
                + "); OpenMQ logs each failed attempt as [C4003]");
        if (!link.connect(config.brokerConnectTimeout())) {
            return 2;
        }
        PresenceHeartbeat heartbeat = new PresenceHeartbeat(config.presence(), bbs, config.heartbeatInterval());
        heartbeat.run();
        long every = config.heartbeatInterval().toMillis();
        heartbeats = timers.scheduleAtFixedRate(heartbeat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("cell agent " + config.cellId() + " ready");
        stopped.await();
        return 0;
    }

    /** Stops reporting, stops every container's processes, closes the connection. Idempotent. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info(() -> "cell agent " + config.cellId() + " stopping " + executor.list().size() + " container(s)");
        processor.shutdown();
        tasks.shutdown();
        ScheduledFuture<?> beat = heartbeats;
        if (beat != null) {
            beat.cancel(false);
        }
        executor.stopAll(config.stopGrace());
        link.close();
        workers.shutdownNow();
        timers.shutdownNow();
        LOG.info(() -> "cell agent " + config.cellId() + " stopped");
        stopped.countDown();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
