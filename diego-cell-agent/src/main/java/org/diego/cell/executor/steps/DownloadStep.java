package org.diego.cell.executor.steps;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.logging.Logger;
import org.diego.cell.executor.transfer.CachedDownloader;
import org.diego.cell.executor.transfer.CancelToken;
import org.diego.cell.garden.BackendException;
import org.diego.core.model.DownloadAction;

/**
 * Diego's download step: fetches the archive through the cell's cached downloader and streams it into
 * the container at {@code to} as the action's {@code user} (on backends with users, such as runc, the
 * files belong to it and a relative {@code to} is relative to its home). Ready at once. Fails with "Downloading [artifact ]failed" or "Copying
 * [artifact ]into the container failed: ..." (the cause goes to the agent log); cancelled, it ends at
 * once and aborts the transfer.
 */
final class DownloadStep extends Step {
    private static final Logger LOG = Logger.getLogger(DownloadStep.class.getName());
    /** Diego truncates error lines written to the app log to this many bytes. */
    private static final int MAX_ERROR_BYTES = 1024;

    private final StepTarget target;
    private final DownloadAction action;
    private final StepLog log;
    private final StepSettings settings;
    private final CancelToken cancel = new CancelToken();

    DownloadStep(StepTarget target, DownloadAction action, StepLog log, StepSettings settings) {
        this.target = target;
        this.action = action;
        this.log = log;
        this.settings = settings;
    }

    @Override
    protected void start() {
        markReady();
        settings.io().execute(this::transfer);
    }

    @Override
    protected void onCancel() {
        cancel.cancel();
        fail(StepError.cancelled());
    }

    private void transfer() {
        String artifact = action.artifact() == null ? "" : action.artifact();
        emit("Downloading " + artifact + "...");
        CachedDownloader.Fetched fetched;
        try {
            fetched = settings.downloader().fetch(parse(action.from()), action.cacheKey(), action.checksumAlgorithm(),
                    action.checksumValue(), cancel);
        } catch (IOException | RuntimeException e) {
            if (!cancel.cancelled()) {
                LOG.info(() -> "container " + target.handle() + ": download of " + action.from() + " failed: "
                        + e.getMessage());
                String message = artifact.isEmpty() ? "Downloading failed" : "Downloading " + artifact + " failed";
                emitError(message);
                fail(StepError.emittable(message, e));
            }
            return;
        }
        try (InputStream tar = fetched.tar()) {
            if (cancel.cancelled()) {
                return;
            }
            target.backend().streamIn(target.handle(), action.to(), action.user(), tar);
        } catch (BackendException | IOException | RuntimeException e) {
            String message = (artifact.isEmpty() ? "Copying into the container failed: "
                    : "Copying " + artifact + " into the container failed: ") + e.getMessage();
            emitError(message);
            fail(StepError.emittable(message, e));
            return;
        }
        emit(fetched.downloadedBytes() != 0
                ? "Downloaded " + artifact + " (" + Formats.bytes(fetched.downloadedBytes()) + ")"
                : "Downloaded " + artifact);
        succeed();
    }

    static URI parse(String url) throws IOException {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute()) {
                throw new IOException("parse " + url + ": invalid URI for request");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IOException("parse " + url + ": " + e.getMessage(), e);
        }
    }

    private void emit(String message) {
        if (action.artifact() != null && !action.artifact().isEmpty()) {
            log.out(message);
        }
    }

    private void emitError(String message) {
        byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > MAX_ERROR_BYTES) {
            String suffix = " (error truncated)";
            message = new String(bytes, 0, MAX_ERROR_BYTES - suffix.length(), java.nio.charset.StandardCharsets.UTF_8)
                    + suffix;
        }
        log.err(message);
    }
}
