package org.diego.web.bridge.nsync;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.TaskRequestFromCC;
import org.diego.core.json.Json;
import org.diego.core.model.ErrorType;
import org.diego.ejb.bridge.nsync.Nsync;

/**
 * Diego's nsync listener routes (CC → Diego): desire/update, stop, kill an index, CC tasks. Each answers
 * 202 when done, 400 for bad JSON or a bad request (nothing changed), 404 for an unknown app, task or
 * index, 409 for a conflict that survived nsync's retry, 503 when the BBS failed.
 */
@Path("/nsync/v1")
public class NsyncResource {
    @Inject
    Nsync nsync;

    @PUT
    @Path("apps/{process_guid}")
    public Response desireApp(@PathParam("process_guid") String processGuid, byte[] body) {
        try {
            nsync.desireApp(processGuid, Json.read(body, DesireAppRequestFromCC.class));
            return BridgeResponses.accepted();
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @DELETE
    @Path("apps/{process_guid}")
    public Response stopApp(@PathParam("process_guid") String processGuid) {
        try {
            nsync.removeApp(processGuid);
            return BridgeResponses.accepted();
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @DELETE
    @Path("apps/{process_guid}/index/{index}")
    public Response killIndex(@PathParam("process_guid") String processGuid, @PathParam("index") String index) {
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return BridgeResponses.error(400, ErrorType.InvalidRequest, "Invalid field: index: '" + index
                    + "' is not a number");
        }
        try {
            nsync.retireIndex(processGuid, i);
            return BridgeResponses.accepted();
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @POST
    @Path("tasks")
    public Response desireTask(byte[] body) {
        try {
            nsync.desireTask(Json.read(body, TaskRequestFromCC.class));
            return BridgeResponses.accepted();
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }

    @DELETE
    @Path("tasks/{task_guid}")
    public Response cancelTask(@PathParam("task_guid") String taskGuid) {
        try {
            nsync.cancelTask(taskGuid);
            return BridgeResponses.accepted();
        } catch (RuntimeException e) {
            return BridgeResponses.failure(e);
        }
    }
}
