package org.diego.cell.executor.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.diego.cell.executor.transfer.CachedDownloader;
import org.diego.cell.executor.transfer.Uploader;

/** Step settings for tests: a manual clock, one download try, 1 s grace, 30 s / 2 s monitoring. */
public final class TestSettings {
    private TestSettings() {
    }

    public static StepSettings of(ManualTime time, Executor io, Path cacheDir) {
        try {
            CachedDownloader downloader = new CachedDownloader(StepSettings.sharedHttpClient(), cacheDir,
                    1024 * 1024, 1, Duration.ofMillis(10), 5);
            return new StepSettings(time, time, io, downloader, new Uploader(StepSettings.sharedHttpClient()),
                    Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1),
                    StepSettings.sharedHttpClient());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
