package org.diego.cell.rep;


import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.model.ErrorType;
import org.diego.core.model.Task;

/**
 * An in-memory BBS: records every call in order and answers with a scriptable responder (default: OK,
 * and should_start for start_task). The sync reads answer {@link #rows} and {@link #tasks} (or throw when
 * {@link #readsUnavailable}); evacuation reports answer {@link #evacuations} (default: drop the container).
 */
final class FakeBbsClient implements BbsClient, SyncBbsClient, EvacuationBbsClient {
    final List<Object> calls = new CopyOnWriteArrayList<>();
    volatile Function<Object, LifecycleResponse> responder = FakeBbsClient::ok;
    volatile List<ActualLrp> rows = List.of();
    volatile List<Task> tasks = List.of();
    volatile boolean readsUnavailable;
    volatile Function<Object, EvacuationResponse> evacuations = r -> new EvacuationResponse(null, false);

    static LifecycleResponse ok(Object request) {
        return request instanceof StartTaskRequest ? LifecycleResponse.shouldStart(true) : LifecycleResponse.OK;
    }

    static LifecycleResponse refusal(ErrorType type) {
        return new LifecycleResponse(new DiegoError(type, "refused by the fake BBS"));
    }

    @Override
    public LifecycleResponse claim(ClaimActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse start(StartActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse crash(CrashActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse remove(RemoveActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse fail(FailActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse startTask(StartTaskRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse completeTask(CompleteTaskRequest request) {
        return answer(request);
    }

    @Override
    public LifecycleResponse rejectTask(RejectTaskRequest request) {
        return answer(request);
    }

    @Override
    public List<ActualLrp> actualLrps(String cellId) {
        calls.add("actual_lrps " + cellId);
        if (readsUnavailable) {
            throw new BbsUnavailableException("no reply to actual_lrps_by_cell");
        }
        return rows;
    }

    @Override
    public List<Task> tasks(String cellId) {
        calls.add("tasks " + cellId);
        if (readsUnavailable) {
            throw new BbsUnavailableException("no reply to tasks_by_cell");
        }
        return tasks;
    }

    @Override
    public LifecycleResponse removeEvacuating(RemoveEvacuatingActualLrpRequest request) {
        return answer(request);
    }

    @Override
    public EvacuationResponse evacuateClaimed(EvacuateClaimedActualLrpRequest request) {
        return evacuate(request);
    }

    @Override
    public EvacuationResponse evacuateRunning(EvacuateRunningActualLrpRequest request) {
        return evacuate(request);
    }

    @Override
    public EvacuationResponse evacuateStopped(EvacuateStoppedActualLrpRequest request) {
        return evacuate(request);
    }

    @Override
    public EvacuationResponse evacuateCrashed(EvacuateCrashedActualLrpRequest request) {
        return evacuate(request);
    }

    private EvacuationResponse evacuate(Object request) {
        calls.add(request);
        return evacuations.apply(request);
    }

    /** Every call but the sync reads, which are recorded as strings. */
    List<Object> writes() {
        return calls.stream().filter(c -> !(c instanceof String)).toList();
    }

    private LifecycleResponse answer(Object request) {
        calls.add(request);
        return responder.apply(request);
    }

    <T> List<T> callsOf(Class<T> type) {
        return calls.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Class<?>> callTypes() {
        return calls.stream().<Class<?>>map(Object::getClass).toList();
    }

    /** Polls until a call of {@code type} was made; fails after {@code timeout}. */
    <T> T await(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<T> found = callsOf(type);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(10);
        }
        org.junit.jupiter.api.Assertions.fail("no " + type.getSimpleName() + " within " + timeout + "; calls: " + calls);
        return null;
    }
}
