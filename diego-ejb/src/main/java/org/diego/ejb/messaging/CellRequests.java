package org.diego.ejb.messaging;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.api.TasksResponse;
import org.diego.core.messages.ActualLrpsByCell;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.messages.TasksByCell;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RunningInfo;
import org.diego.core.model.Validation;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.Evacuations;
import org.diego.ejb.bbs.Tasks;

/**
 * What each cell request does. Every request runs in its own transaction (through the bean
 * proxies), and a refusal comes back as the Diego error in the reply instead of an exception. A
 * {@code start_task} reply also carries {@code should_start}. {@link #reply} also answers the bulk
 * sync's reads (a list) and a draining cell's evacuation reports ({@code keep_container}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CellRequests {
    @Inject
    Cells cells;
    @Inject
    ActualLrps actuals;
    @Inject
    Tasks tasks;
    @Inject
    Evacuations evacuations;

    /**
     * The reply to any cell request: a list for the sync reads, an {@link EvacuationResponse} for the
     * evacuation reports, a {@link LifecycleResponse} for everything else.
     */
    public Object reply(Object body) {
        if (body instanceof ActualLrpsByCell r) {
            try {
                Validation.required("cell_id", r.cellId());
                return ActualLrpsResponse.of(actuals.list(null, r.cellId(), null, null));
            } catch (DiegoException e) {
                return new ActualLrpsResponse(e.toError(), List.of());
            }
        }
        if (body instanceof TasksByCell r) {
            try {
                Validation.required("cell_id", r.cellId());
                return TasksResponse.of(tasks.list(null, r.cellId()));
            } catch (DiegoException e) {
                return new TasksResponse(e.toError(), List.of());
            }
        }
        if (body instanceof EvacuateClaimedActualLrpRequest
                || body instanceof EvacuateRunningActualLrpRequest
                || body instanceof EvacuateStoppedActualLrpRequest
                || body instanceof EvacuateCrashedActualLrpRequest) {
            return evacuate(body);
        }
        return handle(body);
    }

    /**
     * As the HTTP routes: an invalid claimed or running report tells the cell to keep its container (it
     * will report again), an invalid stopped or crashed one to drop it. Running reports use the r1 info.
     */
    private EvacuationResponse evacuate(Object body) {
        boolean keepIfInvalid = body instanceof EvacuateClaimedActualLrpRequest
                || body instanceof EvacuateRunningActualLrpRequest;
        try {
            if (body instanceof EvacuateClaimedActualLrpRequest r) {
                r.validate();
                return evacuations.claimed(r.actualLrpKey(), r.actualLrpInstanceKey());
            } else if (body instanceof EvacuateRunningActualLrpRequest r) {
                r.validate();
                return evacuations.running(r.actualLrpKey(), r.actualLrpInstanceKey(), r.runningInfo());
            } else if (body instanceof EvacuateStoppedActualLrpRequest r) {
                r.validate();
                return evacuations.stopped(r.actualLrpKey(), r.actualLrpInstanceKey());
            }
            EvacuateCrashedActualLrpRequest r = (EvacuateCrashedActualLrpRequest) body;
            r.validate();
            return evacuations.crashed(r.actualLrpKey(), r.actualLrpInstanceKey(), r.errorMessage());
        } catch (DiegoException e) {
            return new EvacuationResponse(e.toError(), keepIfInvalid);
        }
    }

    public LifecycleResponse handle(Object body) {
        try {
            if (body instanceof CellHeartbeat hb) {
                Validation.required("cell", hb.cell());
                cells.heartbeat(hb.cell());
            } else if (body instanceof ClaimActualLrpRequest r) {
                Validation.required("actual_lrp_instance_key", r.actualLrpInstanceKey());
                actuals.claim(r.processGuid(), r.index(), r.actualLrpInstanceKey());
            } else if (body instanceof StartActualLrpRequest r) {
                Validation.required("actual_lrp_key", r.actualLrpKey());
                Validation.required("actual_lrp_instance_key", r.actualLrpInstanceKey());
                // Absent routable (older cells) means routable, as in Diego; readiness checks send false first.
                // Internal routes and metric tags are stored as reported (absent: none), as Diego's start does.
                RunningInfo info = new RunningInfo(r.actualLrpNetInfo() == null ? NetInfo.EMPTY : r.actualLrpNetInfo(),
                        r.internalRoutes(), r.metricTags(), !Boolean.FALSE.equals(r.routable()), "");
                actuals.start(r.actualLrpKey(), r.actualLrpInstanceKey(), info);
            } else if (body instanceof CrashActualLrpRequest r) {
                Validation.required("actual_lrp_key", r.actualLrpKey());
                Validation.required("actual_lrp_instance_key", r.actualLrpInstanceKey());
                actuals.crash(r.actualLrpKey(), r.actualLrpInstanceKey(), r.errorMessage());
            } else if (body instanceof FailActualLrpRequest r) {
                // The cell could not reserve the work: a row no longer UNCLAIMED is left alone (still OK).
                Validation.required("actual_lrp_key", r.actualLrpKey());
                Validation.required("actual_lrp_key.process_guid", r.actualLrpKey().processGuid());
                Validation.required("error_message", r.errorMessage());
                actuals.recordPlacementError(r.actualLrpKey(), r.errorMessage());
            } else if (body instanceof StartTaskRequest r) {
                // false: the task already runs on this very cell (Diego's should_start=false, no error).
                return LifecycleResponse.shouldStart(tasks.start(r.validate().taskGuid(), r.cellId()));
            } else if (body instanceof CompleteTaskRequest r) {
                r.validate();
                tasks.complete(r.taskGuid(), r.cellId(), r.failed(), r.failureReason(), r.result());
            } else if (body instanceof RejectTaskRequest r) {
                // Diego's RejectTask: Pending or Running goes back to Pending (or fails after max retries).
                r.validate();
                tasks.reject(r.taskGuid(), r.rejectionReason());
            } else if (body instanceof RemoveActualLrpRequest r) {
                Validation.required("actual_lrp_instance_key", r.actualLrpInstanceKey());
                actuals.remove(r.processGuid(), r.index(), r.actualLrpInstanceKey());
            } else if (body instanceof RemoveEvacuatingActualLrpRequest r) {
                r.validate();
                evacuations.removeEvacuating(r.actualLrpKey(), r.actualLrpInstanceKey());
            } else {
                throw new DiegoException(ErrorType.InvalidRequest, "not a cell request: " + body.getClass().getSimpleName());
            }
            return LifecycleResponse.OK;
        } catch (DiegoException e) {
            return new LifecycleResponse(e.toError());
        }
    }
}
