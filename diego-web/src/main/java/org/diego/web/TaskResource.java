package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.DesireTaskRequest;
import org.diego.core.api.FailTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.api.StartTaskResponse;
import org.diego.core.api.TaskByGuidRequest;
import org.diego.core.api.TaskGuidRequest;
import org.diego.core.api.TaskLifecycleResponse;
import org.diego.core.api.TaskResponse;
import org.diego.core.api.TasksRequest;
import org.diego.core.api.TasksResponse;
import org.diego.ejb.bbs.Tasks;

/**
 * Diego's task routes. Each validates its request (an absent body is an empty request, so the error
 * names the missing field) and makes one {@link Tasks} call; refusals travel as DiegoExceptions to the
 * exception mappers. The .r2 reads equal the .r3 ones until tasks carry image layers, the only thing
 * Diego's down-conversion to V2 changes.
 */
@Path("/v1/tasks")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces({MediaType.APPLICATION_JSON, "application/x-protobuf"})
public class TaskResource {
    @Inject
    Tasks tasks;

    @POST
    @Path("desire.r2")
    public TaskLifecycleResponse desire(DesireTaskRequest request) {
        DesireTaskRequest r = orElse(request, new DesireTaskRequest(null, null, null)).validate();
        tasks.desire(r.taskGuid(), r.domain(), r.taskDefinition());
        return TaskLifecycleResponse.OK;
    }

    @POST
    @Path("list.r3")
    public TasksResponse list(TasksRequest request) {
        TasksRequest r = orElse(request, TasksRequest.ALL).validate();
        return TasksResponse.of(tasks.list(r.domain(), r.cellId()));
    }

    @POST
    @Path("list.r2")
    public TasksResponse listR2(TasksRequest request) {
        return list(request);
    }

    @POST
    @Path("get_by_task_guid.r3")
    public TaskResponse get(TaskByGuidRequest request) {
        return TaskResponse.of(tasks.get(orElse(request, new TaskByGuidRequest(null)).validate().taskGuid()));
    }

    @POST
    @Path("get_by_task_guid.r2")
    public TaskResponse getR2(TaskByGuidRequest request) {
        return get(request);
    }

    @POST
    @Path("start")
    public StartTaskResponse start(StartTaskRequest request) {
        StartTaskRequest r = orElse(request, new StartTaskRequest(null, null)).validate();
        return StartTaskResponse.of(tasks.start(r.taskGuid(), r.cellId()));
    }

    @POST
    @Path("cancel")
    public TaskLifecycleResponse cancel(TaskGuidRequest request) {
        tasks.cancel(guid(request));
        return TaskLifecycleResponse.OK;
    }

    /** Deprecated in Diego in favour of cancel. */
    @POST
    @Path("fail")
    public TaskLifecycleResponse fail(FailTaskRequest request) {
        FailTaskRequest r = orElse(request, new FailTaskRequest(null, null)).validate();
        tasks.fail(r.taskGuid(), r.failureReason());
        return TaskLifecycleResponse.OK;
    }

    @POST
    @Path("reject")
    public TaskLifecycleResponse reject(RejectTaskRequest request) {
        RejectTaskRequest r = orElse(request, new RejectTaskRequest(null, null)).validate();
        tasks.reject(r.taskGuid(), r.rejectionReason());
        return TaskLifecycleResponse.OK;
    }

    @POST
    @Path("complete")
    public TaskLifecycleResponse complete(CompleteTaskRequest request) {
        CompleteTaskRequest r = orElse(request, new CompleteTaskRequest(null, null, false, null, null)).validate();
        tasks.complete(r.taskGuid(), r.cellId(), r.failed(), r.failureReason(), r.result());
        return TaskLifecycleResponse.OK;
    }

    @POST
    @Path("resolving")
    public TaskLifecycleResponse resolving(TaskGuidRequest request) {
        tasks.resolving(guid(request));
        return TaskLifecycleResponse.OK;
    }

    @POST
    @Path("delete")
    public TaskLifecycleResponse delete(TaskGuidRequest request) {
        tasks.delete(guid(request));
        return TaskLifecycleResponse.OK;
    }

    private static String guid(TaskGuidRequest request) {
        return orElse(request, new TaskGuidRequest(null)).validate().taskGuid();
    }

    private static <T> T orElse(T request, T empty) {
        return request == null ? empty : request;
    }
}
