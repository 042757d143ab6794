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
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.admin.AdminServer;
import org.diego.cell.broker.BrokerLink;
import org.diego.cell.broker.OpenMq;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.steps.StepScheduler;
import org.diego.cell.executor.steps.StepSettings;
import org.diego.cell.executor.transfer.CachedDownloader;
import org.diego.cell.executor.transfer.Uploader;
import org.diego.cell.garden.ContainerBackend;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.RuncBackend;
import org.diego.cell.logs.ContainerMetricsReporter;
import org.diego.cell.logs.JmsBatchSender;
import org.diego.cell.logs.LogCapture;
import org.diego.cell.logs.LogConfig;
import org.diego.cell.logs.LogForwarding;
import org.diego.cell.logs.LogShipper;
import org.diego.cell.rep.BulkSync;
import org.diego.cell.rep.CellMessageDispatcher;
import org.diego.cell.rep.CellStateReporter;
import org.diego.cell.rep.EvacuationContext;
import org.diego.cell.rep.EvacuationProcessor;
import org.diego.cell.rep.Evacuator;
import org.diego.cell.rep.JmsBbsClient;
import org.diego.cell.rep.JmsWorkConsumer;
import org.diego.cell.rep.LrpProcessor;
import org.diego.cell.rep.PresenceHeartbeat;
import org.diego.cell.rep.Scheduler;
import org.diego.cell.rep.SyncLoop;
import org.diego.cell.rep.TaskProcessor;
import org.diego.core.time.GuidGenerator;

/**
 * Wires one cell: container backend (process or runc) → executor → rep, attached to the broker, with
 * the containers' logs and metrics forwarded to the cluster (org.diego.cell.logs).
 * {@link #run} blocks until {@link #stop} has stopped every container and closed the connection. The
 * rep's bulk sync runs on its own timer thread; an evacuation (admin {@code POST /evacuate}, or SIGTERM
 * through {@link #drainAndStop}) ends in {@link #stop} once the cell is empty or the evacuation timed out.
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
    private final RepConfig repConfig;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("agent-timer"));
    /**
     * Unbounded like a cached pool (work may block on runc or the BBS), but idle workers go after 10 s, not
     * 60: a burst of starts leaves no hundred idle threads (and their stacks) behind for a minute.
     */
    private final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("rep-worker"));
    private final ScheduledExecutorService syncTimer = Executors.newSingleThreadScheduledExecutor(daemon("rep-sync"));
    private final EvacuationContext evacuation = new EvacuationContext();
    private final SyncLoop sync;
    private final CellExecutor executor;
    private final ContainerBackend backend;
    private final LrpProcessor processor;
    private final TaskProcessor tasks;
    private final JmsBbsClient bbs;
    private final BrokerLink link;
    private final LogForwarding logs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile ScheduledFuture<?> heartbeats;
    private volatile StepScheduler.Cancellable reservationExpiry;
    private volatile AdminServer admin;

    public CellAgent(CellAgentConfig config, ConnectionFactory broker, Clock clock, GuidGenerator guids) {
        this(config, RepConfig.DEFAULTS, ExecutorOptions.DEFAULT, broker, clock, guids);
    }

    public CellAgent(CellAgentConfig config, RepConfig repConfig, ConnectionFactory broker, Clock clock,
                     GuidGenerator guids) {
        this(config, repConfig, ExecutorOptions.DEFAULT, broker, clock, guids);
    }

    public CellAgent(CellAgentConfig config, ExecutorOptions options, ConnectionFactory broker, Clock clock,
                     GuidGenerator guids) {
        this(config, RepConfig.DEFAULTS, options, broker, clock, guids);
    }

    public CellAgent(CellAgentConfig config, RepConfig repConfig, ExecutorOptions options, ConnectionFactory broker,
                     Clock clock, GuidGenerator guids) {
        this(config, repConfig, options, LogConfig.DEFAULT, broker, clock, guids);
    }

    public CellAgent(CellAgentConfig config, RepConfig repConfig, ExecutorOptions options, LogConfig logConfig,
                     ConnectionFactory broker, Clock clock, GuidGenerator guids) {
        this.config = config;
        this.repConfig = repConfig;
        this.backend = Backends.create(config, new HostPortAllocator(), timers);
        this.executor = new CellExecutor(backend, config.capacity(), clock, stepSettings(config, options, clock),
                options.reservationTtl());
        LogShipper shipper = new LogShipper(config.cellId(), logConfig.bufferLines(), LogConfig.MAX_BATCH_LINES,
                LogConfig.MAX_BATCH_BYTES);
        LogCapture capture = new LogCapture(shipper, clock, LogConfig.MAX_LINE_BYTES, LogConfig.MAX_BYTES_PER_POLL);
        executor.useLogs(capture);
        JmsBatchSender logSender = new JmsBatchSender(logConfig.timeToLive().toMillis());
        this.logs = new LogForwarding(logConfig, capture, shipper, logSender,
                new ContainerMetricsReporter(executor::list, backend::usage, shipper, clock));
        this.bbs = new JmsBbsClient(config.replyTimeout());
        this.processor = new LrpProcessor(config.cellId(), executor, bbs, guids, workers, LIFECYCLE_ATTEMPTS,
                LIFECYCLE_BACKOFF, SIGNAL_SETTLE);
        this.tasks = new TaskProcessor(config.cellId(), executor, bbs, workers, LIFECYCLE_ATTEMPTS, LIFECYCLE_BACKOFF,
                SIGNAL_SETTLE);
        EvacuationProcessor evacuator = new EvacuationProcessor(config.cellId(), config.zone(), executor, bbs,
                evacuation, LIFECYCLE_ATTEMPTS, LIFECYCLE_BACKOFF);
        processor.evacuateWith(evacuator);
        tasks.refuseWorkWhile(evacuation::evacuating);
        Scheduler scheduler = Scheduler.of(syncTimer);
        this.sync = new SyncLoop(new BulkSync(config.cellId(), executor, bbs, bbs, processor, tasks, evacuator, clock),
                scheduler, repConfig.syncInterval(), repConfig.evacuationPollingInterval(), evacuation);
        new Evacuator(executor, scheduler, repConfig.evacuationTimeout(), repConfig.evacuationPollingInterval(),
                evacuation, emptied -> new Thread(this::stop, "agent-evacuated").start());
        // An evacuating (or stopping) cell reports itself so: the auctioneer places nothing on it.
        CellStateReporter state = new CellStateReporter(config.presence(), executor, List.of(),
                () -> stopping.get() || evacuation.evacuating());
        JmsWorkConsumer consumer = new JmsWorkConsumer(config.cellId(),
                new CellMessageDispatcher(processor, state, tasks));
        this.link = new BrokerLink(config.brokerUrl(), broker::createContext, List.of(bbs, consumer, logSender),
                CONNECT_RETRY);
    }

    public static CellAgent create(CellAgentConfig config) {
        return create(config, RepConfig.DEFAULTS, ExecutorOptions.DEFAULT);
    }

    public static CellAgent create(CellAgentConfig config, RepConfig repConfig, ExecutorOptions options) {
        return create(config, repConfig, options, LogConfig.DEFAULT);
    }

    public static CellAgent create(CellAgentConfig config, RepConfig repConfig, ExecutorOptions options,
                                   LogConfig logConfig) {
        ConnectionFactory broker = OpenMq.connectionFactory(config.brokerUrl(), config.brokerUser(),
                config.brokerPassword());
        return new CellAgent(config, repConfig, options, logConfig, broker, Clock.systemUTC(), GuidGenerator.RANDOM);
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
    public int run() throws InterruptedException, IOException {
        int reaped = executor.reapUnknownContainers();
        if (reaped > 0) {
            LOG.info(() -> "destroyed " + reaped + " container(s) left over in " + config.workDir());
        }
        // Reservations expire from the start: one made while the broker is away must not hold its slot forever.
        reservationExpiry = executor.expireReservationsPeriodically(StepScheduler.of(timers, workers));
        // Lines buffer (bounded) until the broker is there; containers left over were reaped above.
        logs.start();
        // Before connecting: a drain must reach even an agent still waiting for its broker.
        admin = AdminServer.start(repConfig.adminPort(), config.workDir(), evacuation::evacuate);
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
        sync.start();
        LOG.info("cell agent " + config.cellId() + " ready (bulk sync every " + repConfig.syncInterval().toMillis()
                + " ms)");
        stopped.await();
        return 0;
    }

    /**
     * The SIGTERM hook: evacuates as a drain would, then stops. Returns once stopped, at the latest a little
     * after the evacuation timeout.
     */
    public void drainAndStop() {
        if (stopping.get()) {
            return;
        }
        evacuation.evacuate();
        try {
            // The evacuator stops the agent; the margin covers its last poll and the stop itself.
            if (!stopped.await(repConfig.evacuationTimeout().plus(config.stopGrace()).plusSeconds(5).toMillis(),
                    TimeUnit.MILLISECONDS)) {
                LOG.warning("evacuation did not end in time; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** Stops reporting, stops every container's processes, closes the connection. Idempotent. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info(() -> "cell agent " + config.cellId() + " stopping " + executor.list().size() + " container(s)");
        sync.stop();
        processor.shutdown();
        tasks.shutdown();
        ScheduledFuture<?> beat = heartbeats;
        if (beat != null) {
            beat.cancel(false);
        }
        StepScheduler.Cancellable expiry = reservationExpiry;
        if (expiry != null) {
            expiry.cancel();
        }
        executor.stopAll(config.stopGrace());
        if (backend instanceof RuncBackend runc) {
            runc.close(); // its warm containers: a restart would destroy them as leftovers anyway
        }
        logs.close(); // the containers' last lines, while the connection is still up
        link.close();
        workers.shutdownNow();
        timers.shutdownNow();
        syncTimer.shutdownNow();
        // Last: drain takes a ping that fails as the agent having exited.
        AdminServer a = admin;
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the admin endpoint", e);
            }
        }
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
