package org.diego.web;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.api.ErrorResponse;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Errors as Diego reports them: a refused request answers HTTP 200 with {@code error {type, message}}
 * in the body, in the format the request negotiated (the entity is an {@link ErrorResponse}; the wire
 * filters pick JSON or protobuf). Routing errors (unknown path, wrong method, unacceptable media type)
 * keep their HTTP status with the same body; unexpected server faults answer 500 UnknownError.
 */
final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response body(int status, DiegoError error) {
        return Response.status(status).entity(new ErrorResponse(error)).build();
    }

    /** The refusal inside {@code e}'s cause chain (an EJB wraps what its bean threw), or null. */
    static DiegoException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DiegoException refused) {
                return refused;
            }
        }
        return null;
    }

    static Response unexpected(Throwable e) {
        LOG.log(Level.WARNING, "request failed", e);
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        return body(500, new DiegoError(ErrorType.UnknownError, String.valueOf(cause.getMessage())));
    }

    /** DiegoException, ValidationException included: refused, HTTP 200. */
    @Provider
    public static class Refused implements ExceptionMapper<DiegoException> {
        @Override
        public Response toResponse(DiegoException e) {
            return body(200, e.toError());
        }
    }

    /** Routing errors keep their status: 404 is ResourceNotFound, the rest InvalidRequest. */
    @Provider
    public static class Routing implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            DiegoException refused = refusal(e.getCause());
            if (refused != null) {
                return body(200, refused.toError());
            }
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            ErrorType type = status == 404 ? ErrorType.ResourceNotFound : ErrorType.InvalidRequest;
            return body(status, new DiegoError(type, e.getMessage()));
        }
    }

    /** An EJB wraps what its bean threw: a refusal inside is still HTTP 200, anything else a fault. */
    @Provider
    public static class Wrapped implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            DiegoException refused = refusal(e);
            return refused != null ? body(200, refused.toError()) : unexpected(e);
        }
    }

    /** Anything else is a server fault. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            DiegoException refused = refusal(e);
            return refused != null ? body(200, refused.toError()) : unexpected(e);
        }
    }
}
