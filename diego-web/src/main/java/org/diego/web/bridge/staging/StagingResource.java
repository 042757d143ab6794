package org.diego.web.bridge.staging;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.bridge.staging.StagingError;
import org.diego.core.bridge.staging.StagingResponseForCC;
import org.diego.core.bridge.staging.UnknownLifecycleException;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ValidationException;
import org.diego.ejb.bridge.staging.Stager;

/**
 * Diego's stager API: PUT stages (202), DELETE cancels (202, 404 for an unknown guid), and the staging
 * Task's completion callback POSTs to {@code .../completed}. Status codes are Diego's: a body that is
 * no JSON is 400, an unknown lifecycle 404, and a request no staging Task can be built from 500 with a
 * StagingError body whose message names the field.
 */
@Path("/stager/v1/staging/{staging_guid}")
@Consumes(MediaType.WILDCARD)
public class StagingResource {
    private static final Logger LOG = Logger.getLogger(StagingResource.class.getName());

    @Inject
    Stager stager;

    @PUT
    public Response stage(@PathParam("staging_guid") String guid, byte[] body) {
        try {
            stager.stage(guid, body);
            return Response.accepted().build();
        } catch (UnknownLifecycleException e) {
            return error(404, e.getMessage());
        } catch (ValidationException e) {
            return error(500, e.getMessage());
        } catch (DiegoException e) {
            return error(e.type() == ErrorType.InvalidJSON ? 400 : 500, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "staging " + guid + " failed", e);
            return error(500, "staging failed: " + e);
        }
    }

    @DELETE
    public Response stop(@PathParam("staging_guid") String guid) {
        return Response.status(stager.stop(guid) ? 202 : 404).build();
    }

    @POST
    @Path("completed")
    public Response completed(@PathParam("staging_guid") String guid, byte[] body) {
        try {
            return Response.status(stager.completed(guid, body)).build();
        } catch (DiegoException e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.write(StagingResponseForCC.failure(StagingError.STAGING_ERROR, message))).build();
    }
}
