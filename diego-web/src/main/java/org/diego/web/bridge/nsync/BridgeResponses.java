package org.diego.web.bridge.nsync;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * The bridge's replies: CC reads only the status, so the status carries the outcome as in Diego
 * (400 bad input, 404 unknown, 409 conflict, 503 the BBS failed) and the body says why, as
 * {@code {"error": {"type": ..., "message": ...}}} for people and logs.
 */
public final class BridgeResponses {
    private static final Logger LOG = Logger.getLogger(BridgeResponses.class.getName());

    private BridgeResponses() {
    }

    public static Response accepted() {
        return Response.status(Response.Status.ACCEPTED).build();
    }

    public static Response ok(Object body) {
        return Response.ok(Json.write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(int status, ErrorType type, String message) {
        String body = "{\"error\":" + Json.write(new DiegoError(type, message)) + "}";
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** The status of a failure: a refusal by its type, anything else 503 (the BBS is unavailable). */
    public static Response failure(Throwable e) {
        DiegoException refused = refusal(e);
        if (refused == null) {
            LOG.log(Level.WARNING, "CC-Bridge request failed", e);
            Throwable cause = e.getCause() != null && e instanceof jakarta.ejb.EJBException ? e.getCause() : e;
            return error(503, ErrorType.UnknownError, String.valueOf(cause.getMessage()));
        }
        return error(status(refused.type()), refused.type(), refused.getMessage());
    }

    public static int status(ErrorType type) {
        return switch (type) {
            case InvalidRequest, InvalidJSON, InvalidRecord, InvalidProtobufMessage -> 400;
            case ResourceNotFound -> 404;
            case ResourceExists, ResourceConflict, InvalidStateTransition -> 409;
            default -> 503;
        };
    }

    static DiegoException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DiegoException refused) {
                return refused;
            }
        }
        return null;
    }
}
