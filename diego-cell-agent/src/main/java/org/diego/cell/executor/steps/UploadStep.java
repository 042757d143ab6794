package org.diego.cell.executor.steps;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.diego.cell.executor.transfer.CancelToken;
import org.diego.cell.garden.BackendException;
import org.diego.core.model.UploadAction;

/**
 * Diego's upload step: streams the container file {@code from} (as the action's {@code user}: a relative
 * path is relative to its home on backends with users) out to a temporary file and POSTs it to
 * {@code to}. Ready at once. Error texts are Diego's ("Failed to establish stream from container[ for
 * artifact]", ...); an unparsable URL or a refused upload is a plain error, so the URL (which may hold
 * credentials) is never emitted.
 */
final class UploadStep extends Step {
    private static final Logger LOG = Logger.getLogger(UploadStep.class.getName());

    private final StepTarget target;
    private final UploadAction action;
    private final StepLog log;
    private final StepSettings settings;
    private final CancelToken cancel = new CancelToken();

    UploadStep(StepTarget target, UploadAction action, StepLog log, StepSettings settings) {
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
        emit("Uploading " + artifact() + "...");
        URI to;
        try {
            to = DownloadStep.parse(action.to());
        } catch (IOException e) {
            emitError(errorFor("Failed to parse URL"));
            fail(StepError.plain("Failed to parse URL"));
            return;
        }
        Path file = null;
        try {
            try (InputStream in = target.backend().readFile(target.handle(), action.from(), action.user())) {
                try {
                    file = Files.createTempFile("diego-upload-", "");
                } catch (IOException e) {
                    failWith("Failed to create temp file", e);
                    return;
                }
                try {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    failWith("Failed to copy stream contents into temp file", e);
                    return;
                }
            } catch (BackendException | IOException e) {
                failWith("Failed to establish stream from container", e);
                return;
            }
            long sent;
            try {
                sent = settings.uploader().upload(file, to, cancel);
            } catch (IOException e) {
                if (!cancel.cancelled()) {
                    LOG.info(() -> "container " + target.handle() + ": upload of " + action.from() + " failed: "
                            + e.getMessage());
                    emitError(errorFor("Failed to upload payload"));
                    fail(StepError.plain(e.getMessage()));
                }
                return;
            }
            emit("Uploaded " + artifact() + " (" + Formats.bytes(sent) + ")");
            succeed();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.fine(() -> "cannot delete " + e.getMessage());
                }
            }
        }
    }

    private void failWith(String what, Exception cause) {
        String message = errorFor(what);
        emitError(message);
        fail(StepError.emittable(message, cause));
    }

    private String artifact() {
        return action.artifact() == null ? "" : action.artifact();
    }

    private String errorFor(String what) {
        return artifact().isEmpty() ? what : what + " for " + artifact();
    }

    private void emit(String message) {
        if (!artifact().isEmpty()) {
            log.out(message);
        }
    }

    private void emitError(String message) {
        if (!artifact().isEmpty()) {
            log.err(message);
        }
    }
}
