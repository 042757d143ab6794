package org.diego.cell.rep;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.messages.CancelTask;
import org.diego.core.messages.CellStateRequest;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.MessageType;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.messages.TaskWork;
import org.diego.core.messages.UpdateLrpInstance;
import org.diego.core.model.DiegoException;

/**
 * Decodes a message from the cell's queue by its {@code diego_type} and hands it to the rep. Anything
 * it cannot use is logged and dropped: a poisoned message must not stop the consumer, and the cluster
 * re-sends what matters (convergence re-auctions, retirement retries stops).
 *
 * <p>{@code cell_state_request} is answered through the {@link Replier} the consumer passes with the
 * message (its {@code JMSReplyTo}); a request without a reply destination is dropped.
 */
public final class CellMessageDispatcher {
    private static final Logger LOG = Logger.getLogger(CellMessageDispatcher.class.getName());
    private static final int MAX_LOGGED_BODY = 300;
    private final CellWorkHandler handler;
    private final CellStateSource state;
    private final TaskWorkHandler tasks;

    /** Sends a reply body to the requester of the message being dispatched. */
    @FunctionalInterface
    public interface Replier {
        /** A replier for a message that asked for no reply. */
        Replier NONE = body -> {
            throw new IllegalStateException("the request names no reply destination");
        };

        void reply(Object body);
    }

    /** A dispatcher that cannot report its state (cell_state_request is dropped). */
    public CellMessageDispatcher(CellWorkHandler handler) {
        this(handler, null);
    }

    /** A dispatcher without tasks (task_work and cancel_task are dropped). */
    public CellMessageDispatcher(CellWorkHandler handler, CellStateSource state) {
        this(handler, state, null);
    }

    public CellMessageDispatcher(CellWorkHandler handler, CellStateSource state, TaskWorkHandler tasks) {
        this.handler = handler;
        this.state = state;
        this.tasks = tasks;
    }

    /** A message that asked for no reply. */
    public boolean dispatch(String diegoType, String body) {
        return dispatch(diegoType, body, Replier.NONE);
    }

    /** Returns true when the message was handed over (or answered), false when it was dropped. Never throws. */
    public boolean dispatch(String diegoType, String body, Replier replier) {
        if (diegoType == null || diegoType.isBlank()) {
            return drop("a message without a diego_type", body, null);
        }
        Optional<MessageType> type = MessageType.fromWireName(diegoType);
        if (type.isEmpty()) {
            return drop("a message of unknown diego_type " + diegoType, body, null);
        }
        try {
            switch (type.get()) {
                case LRP_WORK -> handler.work(Json.read(body, LrpWork.class));
                case STOP_LRP_INSTANCE -> handler.stop(Json.read(body, StopLrpInstance.class));
                case UPDATE_LRP_INSTANCE -> handler.update(Json.read(body, UpdateLrpInstance.class));
                case TASK_WORK, CANCEL_TASK -> {
                    if (tasks == null) {
                        return drop("a " + diegoType + " message, but this cell runs no tasks", body, null);
                    }
                    if (type.get() == MessageType.TASK_WORK) {
                        tasks.work(Json.read(body, TaskWork.class));
                    } else {
                        tasks.cancel(Json.read(body, CancelTask.class));
                    }
                }
                case CELL_STATE_REQUEST -> {
                    Json.read(body, CellStateRequest.class);
                    if (state == null) {
                        return drop("a cell_state_request, which this cell cannot answer", body, null);
                    }
                    if (replier == Replier.NONE) {
                        return drop("a cell_state_request without a reply destination", body, null);
                    }
                    replier.reply(state.state());
                }
                default -> {
                    return drop("a " + diegoType + " message, which is not for a cell", body, null);
                }
            }
            return true;
        } catch (DiegoException e) {
            return drop("an unreadable " + diegoType + " message (" + e.getMessage() + ")", body, null);
        } catch (RuntimeException e) {
            return drop("a " + diegoType + " message whose handling failed", body, e);
        }
    }

    private static boolean drop(String what, String body, Throwable error) {
        String shown = body == null ? "<no body>"
                : body.length() > MAX_LOGGED_BODY ? body.substring(0, MAX_LOGGED_BODY) + "..." : body;
        LOG.log(error == null ? Level.WARNING : Level.SEVERE, "dropping " + what + ": " + shown, error);
        return false;
    }
}
