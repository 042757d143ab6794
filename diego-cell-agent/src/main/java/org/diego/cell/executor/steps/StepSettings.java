package org.diego.cell.executor.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.diego.cell.executor.transfer.CachedDownloader;
import org.diego.cell.executor.transfer.Uploader;

/**
 * What steps need besides their container, shared by every container of a cell.
 *
 * @param clock                       for elapsed times in messages and startup deadlines
 * @param scheduler                   every wait of a step goes through it
 * @param io                          where blocking work runs (starting processes, transfers, probes)
 * @param gracefulShutdownInterval    SIGTERM to SIGKILL of a cancelled run step (Diego: 10 s)
 * @param healthyMonitoringInterval   liveness period of a monitor and default check interval (Diego: 30 s)
 * @param unhealthyMonitoringInterval startup and until-ready polling period (Diego: 2 s)
 * @param checkTimeout                default connect/request timeout of a declarative check (Diego: 1 s)
 */
public record StepSettings(Clock clock, StepScheduler scheduler, Executor io, CachedDownloader downloader,
                           Uploader uploader, Duration gracefulShutdownInterval, Duration healthyMonitoringInterval,
                           Duration unhealthyMonitoringInterval, Duration checkTimeout, HttpClient http) {
    public static final Duration GRACEFUL_SHUTDOWN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration HEALTHY_MONITORING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration UNHEALTHY_MONITORING_INTERVAL = Duration.ofSeconds(2);
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    /** Daemon threads shared by every executor built with {@link #defaults}. */
    private static final class Shared {
        static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(1, daemon("step-timer"));
        static final ExecutorService IO = Executors.newCachedThreadPool(daemon("step-io"));
        static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).executor(IO).build();
        static final CachedDownloader DOWNLOADER = uncached();

        private static CachedDownloader uncached() {
            try {
                return new CachedDownloader(HTTP, Files.createTempDirectory("diego-downloads"), 0, 4,
                        Duration.ofMillis(500), 5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Diego's defaults on shared daemon threads, with one downloader that does not cache. */
    public static StepSettings defaults(Clock clock) {
        return new StepSettings(clock, StepScheduler.of(Shared.TIMERS, Shared.IO), Shared.IO, Shared.DOWNLOADER,
                new Uploader(Shared.HTTP), GRACEFUL_SHUTDOWN_INTERVAL, HEALTHY_MONITORING_INTERVAL,
                UNHEALTHY_MONITORING_INTERVAL, CHECK_TIMEOUT, Shared.HTTP);
    }

    /** The shared HTTP client of {@link #defaults}, for wiring real settings. */
    public static HttpClient sharedHttpClient() {
        return Shared.HTTP;
    }

    /** The shared blocking-work pool of {@link #defaults}. */
    public static ExecutorService sharedIo() {
        return Shared.IO;
    }

    public StepSettings withGracefulShutdownInterval(Duration grace) {
        return new StepSettings(clock, scheduler, io, downloader, uploader, grace, healthyMonitoringInterval,
                unhealthyMonitoringInterval, checkTimeout, http);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
