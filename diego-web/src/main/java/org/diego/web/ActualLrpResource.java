package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.diego.core.api.ActualLrpLifecycleResponse;
import org.diego.core.api.ActualLrpsByProcessGuidsRequest;
import org.diego.core.api.ActualLrpsByProcessGuidsResponse;
import org.diego.core.api.ActualLrpsRequest;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.api.ClaimActualLrpRequest;
import org.diego.core.api.CrashActualLrpRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.FailActualLrpRequest;
import org.diego.core.api.RemoveActualLrpRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpResponse;
import org.diego.core.api.RetireActualLrpRequest;
import org.diego.core.api.StartActualLrpRequest;
import org.diego.core.model.DiegoException;
import org.diego.core.model.RunningInfo;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Evacuations;

/**
 * Diego's ActualLRP routes under {@code /v1/actual_lrps} (revision suffixes as in Diego). A missing
 * body counts as an empty message, as an empty protobuf does, so validation names the first field.
 */
@Path("/v1/actual_lrps")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces({MediaType.APPLICATION_JSON, "application/x-protobuf"})
public class ActualLrpResource {
    @Inject
    ActualLrps actuals;
    @Inject
    Evacuations evacuations;

    @POST
    @Path("list")
    public ActualLrpsResponse list(ActualLrpsRequest request) {
        ActualLrpsRequest r = or(request, () -> ActualLrpsRequest.ALL).validate();
        return ActualLrpsResponse.of(actuals.list(r.domain(), r.cellId(), r.processGuid(), r.index()));
    }

    @POST
    @Path("list_by_process_guids")
    public ActualLrpsByProcessGuidsResponse listByProcessGuids(ActualLrpsByProcessGuidsRequest request) {
        ActualLrpsByProcessGuidsRequest r = or(request, () -> new ActualLrpsByProcessGuidsRequest(null)).validate();
        return ActualLrpsByProcessGuidsResponse.of(actuals.byProcessGuids(r.processGuids()));
    }

    @POST
    @Path("claim")
    public ActualLrpLifecycleResponse claim(ClaimActualLrpRequest request) {
        ClaimActualLrpRequest r = or(request, () -> new ClaimActualLrpRequest(null, 0, null)).validate();
        actuals.claim(r.processGuid(), r.index(), r.actualLrpInstanceKey());
        return ActualLrpLifecycleResponse.OK;
    }

    /** r0: internal routes and metric tags are ignored. */
    @POST
    @Path("start")
    public ActualLrpLifecycleResponse startR0(StartActualLrpRequest request) {
        StartActualLrpRequest r = validStart(request);
        return start(r, r.runningInfoR0());
    }

    @POST
    @Path("start.r1")
    public ActualLrpLifecycleResponse start(StartActualLrpRequest request) {
        StartActualLrpRequest r = validStart(request);
        return start(r, r.runningInfo());
    }

    private ActualLrpLifecycleResponse start(StartActualLrpRequest r, RunningInfo info) {
        actuals.start(r.actualLrpKey(), r.actualLrpInstanceKey(), info);
        return ActualLrpLifecycleResponse.OK;
    }

    private static StartActualLrpRequest validStart(StartActualLrpRequest request) {
        return or(request, () -> new StartActualLrpRequest(null, null, null, null, null, null, null)).validate();
    }

    @POST
    @Path("crash")
    public ActualLrpLifecycleResponse crash(CrashActualLrpRequest request) {
        CrashActualLrpRequest r = or(request, () -> new CrashActualLrpRequest(null, null, null)).validate();
        actuals.crash(r.actualLrpKey(), r.actualLrpInstanceKey(), r.errorMessage());
        return ActualLrpLifecycleResponse.OK;
    }

    @POST
    @Path("fail")
    public ActualLrpLifecycleResponse fail(FailActualLrpRequest request) {
        FailActualLrpRequest r = or(request, () -> new FailActualLrpRequest(null, null)).validate();
        actuals.fail(r.actualLrpKey(), r.errorMessage());
        return ActualLrpLifecycleResponse.OK;
    }

    @POST
    @Path("remove")
    public ActualLrpLifecycleResponse remove(RemoveActualLrpRequest request) {
        RemoveActualLrpRequest r = or(request, () -> new RemoveActualLrpRequest(null, 0, null)).validate();
        actuals.remove(r.processGuid(), r.index(), r.actualLrpInstanceKey());
        return ActualLrpLifecycleResponse.OK;
    }

    @POST
    @Path("retire")
    public ActualLrpLifecycleResponse retire(RetireActualLrpRequest request) {
        RetireActualLrpRequest r = or(request, () -> new RetireActualLrpRequest(null)).validate();
        actuals.retire(r.actualLrpKey());
        return ActualLrpLifecycleResponse.OK;
    }

    @POST
    @Path("remove_evacuating")
    public RemoveEvacuatingActualLrpResponse removeEvacuating(RemoveEvacuatingActualLrpRequest request) {
        RemoveEvacuatingActualLrpRequest r = or(request, () -> new RemoveEvacuatingActualLrpRequest(null, null)).validate();
        evacuations.removeEvacuating(r.actualLrpKey(), r.actualLrpInstanceKey());
        return RemoveEvacuatingActualLrpResponse.OK;
    }

    /** Like Diego, an unreadable claimed or running report tells the cell to keep its container. */
    @POST
    @Path("evacuate_claimed")
    public EvacuationResponse evacuateClaimed(EvacuateClaimedActualLrpRequest request) {
        EvacuateClaimedActualLrpRequest r;
        try {
            r = or(request, () -> new EvacuateClaimedActualLrpRequest(null, null)).validate();
        } catch (DiegoException invalid) {
            return new EvacuationResponse(invalid.toError(), true);
        }
        return evacuations.claimed(r.actualLrpKey(), r.actualLrpInstanceKey());
    }

    @POST
    @Path("evacuate_crashed")
    public EvacuationResponse evacuateCrashed(EvacuateCrashedActualLrpRequest request) {
        EvacuateCrashedActualLrpRequest r;
        try {
            r = or(request, () -> new EvacuateCrashedActualLrpRequest(null, null, null)).validate();
        } catch (DiegoException invalid) {
            return new EvacuationResponse(invalid.toError(), false);
        }
        return evacuations.crashed(r.actualLrpKey(), r.actualLrpInstanceKey(), r.errorMessage());
    }

    @POST
    @Path("evacuate_stopped")
    public EvacuationResponse evacuateStopped(EvacuateStoppedActualLrpRequest request) {
        EvacuateStoppedActualLrpRequest r;
        try {
            r = or(request, () -> new EvacuateStoppedActualLrpRequest(null, null)).validate();
        } catch (DiegoException invalid) {
            return new EvacuationResponse(invalid.toError(), false);
        }
        return evacuations.stopped(r.actualLrpKey(), r.actualLrpInstanceKey());
    }

    /** r0: internal routes and metric tags are ignored. */
    @POST
    @Path("evacuate_running")
    public EvacuationResponse evacuateRunningR0(EvacuateRunningActualLrpRequest request) {
        return evacuateRunning(request, false);
    }

    @POST
    @Path("evacuate_running.r1")
    public EvacuationResponse evacuateRunning(EvacuateRunningActualLrpRequest request) {
        return evacuateRunning(request, true);
    }

    private EvacuationResponse evacuateRunning(EvacuateRunningActualLrpRequest request, boolean r1) {
        EvacuateRunningActualLrpRequest r;
        try {
            r = or(request, () -> new EvacuateRunningActualLrpRequest(null, null, null, null, null, null, null)).validate();
        } catch (DiegoException invalid) {
            return new EvacuationResponse(invalid.toError(), true);
        }
        return evacuations.running(r.actualLrpKey(), r.actualLrpInstanceKey(), r1 ? r.runningInfo() : r.runningInfoR0());
    }

    static <T> T or(T request, Supplier<T> empty) {
        return request != null ? request : empty.get();
    }
}
