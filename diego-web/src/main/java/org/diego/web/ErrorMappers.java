package org.diego.web;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Errors as Diego reports them: a refused request answers HTTP 200 with {@code {"error": {type,
 * message}}}, as Diego's BBS does. Routing errors (unknown path, wrong method) keep their HTTP
 * status with the same body shape; unexpected server faults answer 500.
 */
final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response body(int status, DiegoError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(Map.of("error", error))).build();
    }

    @Provider
    public static class Refused implements ExceptionMapper<DiegoException> {
        @Override
        public Response toResponse(DiegoException e) {
            return body(200, e.toError());
        }
    }

    @Provider
    public static class Routing implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            ErrorType type = status == 404 ? ErrorType.ResourceNotFound : ErrorType.InvalidRequest;
            return body(status, new DiegoError(type, e.getMessage()));
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof DiegoException refused) {
                return body(200, refused.toError());
            }
            LOG.log(Level.WARNING, "request failed", e);
            return body(500, new DiegoError(ErrorType.UnknownError, String.valueOf(cause.getMessage())));
        }
    }
}
