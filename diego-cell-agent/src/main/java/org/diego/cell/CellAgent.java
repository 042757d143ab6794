package org.diego.cell;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.diego.cell.executor.steps.StepScheduler;
import org.diego.cell.executor.steps.StepSettings;
import org.diego.cell.executor.transfer.CachedDownloader;
import org.diego.cell.executor.transfer.Uploader;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.cell.rep.CellMessageDispatcher;
import org.diego.cell.rep.CellStateReporter;
import org.diego.cell.rep.JmsBbsClient;
import org.diego.cell.rep.JmsWorkConsumer;
import org.diego.cell.rep.LrpProcessor;
import org.diego.cell.rep.PresenceHeartbeat;
import org.diego.cell.rep.TaskProcessor;
import org.diego.core.time.GuidGenerator;

/**
 * Wires one cell: process backend → executor → rep, attached to the broker. {@link #run} blocks until
 * {@link #stop} (the SIGTERM hook) has stopped every container and closed the connection.
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
        this(config, ExecutorOptions.DEFAULT, broker, clock, guids);
    }

    public CellAgent(CellAgentConfig config, ExecutorOptions options, ConnectionFactory broker, Clock clock,
                     GuidGenerator guids) {
        this.config = config;
        ProcessBackend backend = new ProcessBackend(config.workDir().resolve("containers"), config.address(),
                new HostPortAllocator(), timers, config.stopGrace());
        this.executor = new CellExecutor(backend, config.capacity(), clock, stepSettings(config, options, clock));
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

    public static CellAgent create(CellAgentConfig config, ExecutorOptions options) {
        ConnectionFactory broker = OpenMq.connectionFactory(config.brokerUrl(), config.brokerUser(),
                config.brokerPassword());
        return new CellAgent(config, options, broker, Clock.systemUTC(), GuidGenerator.RANDOM);
    }

    /** Steps wait on the agent's timers; downloads are cached under the work dir, which survives restarts. */
    private StepSettings stepSettings(CellAgentConfig config, ExecutorOptions options, Clock clock) {
        try {
            CachedDownloader downloader = new CachedDownloader(StepSettings.sharedHttpClient(),
                    config.workDir().resolve("cache"), options.downloadCacheMb() * 1024 * 1024, 4,
                    Duration.ofMillis(500), 5);
            return new StepSettings(clock, StepScheduler.of(timers, StepSettings.sharedIo()), StepSettings.sharedIo(),
                    downloader,
                    new Uploader(StepSettings.sharedHttpClient()), config.stopGrace(),
                    options.healthyMonitoringInterval(), options.unhealthyMonitoringInterval(),
                    StepSettings.CHECK_TIMEOUT, StepSettings.sharedHttpClient());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the download cache in " + config.workDir(), e);
        }
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
