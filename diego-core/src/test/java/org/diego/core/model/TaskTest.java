package org.diego.core.model;

import static org.diego.core.model.TaskSamples.CELL;
import static org.diego.core.model.TaskSamples.OTHER_CELL;
import static org.diego.core.model.TaskSamples.T0;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The Task state machine against Diego's task_db.go and task controller, one row per (operation, state). */
class TaskTest {
    static final long NOW = T0 + 1_000;
    static final int MAX_RETRIES = 3;

    /** Every operation a client, a cell or the auctioneer can attempt. */
    static final Map<String, Function<Task, Task>> OPS = Map.of(
            "start-same-cell", t -> t.start(CELL, NOW),
            "start-other-cell", t -> t.start(OTHER_CELL, NOW),
            "cancel", t -> t.cancel(NOW),
            "fail", t -> t.fail("gave up", NOW),
            "reject", t -> t.reject("no room", MAX_RETRIES, NOW),
            "complete-same-cell", t -> t.complete(CELL, false, "", "42", NOW),
            "complete-other-cell", t -> t.complete(OTHER_CELL, false, "", "42", NOW),
            "resolving", t -> t.resolving(NOW),
            "delete", t -> {
                t.checkDeletable();
                return t;
            });

    /**
     * Expected outcome: the resulting state (with "@cell" for the cell it is on), "unchanged" for an
     * accepted no-op, or the Diego error type.
     */
    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "start-same-cell,     Pending,   Running@cell-a",
            "start-same-cell,     Running,   unchanged",
            "start-same-cell,     Completed, InvalidStateTransition",
            "start-same-cell,     Resolving, InvalidStateTransition",
            "start-same-cell,     Invalid,   InvalidStateTransition",
            "start-other-cell,    Pending,   Running@cell-b",
            "start-other-cell,    Running,   InvalidStateTransition",
            "start-other-cell,    Completed, InvalidStateTransition",
            "start-other-cell,    Resolving, InvalidStateTransition",
            "cancel,              Pending,   Completed@",
            "cancel,              Running,   Completed@",
            "cancel,              Completed, InvalidStateTransition",
            "cancel,              Resolving, InvalidStateTransition",
            "cancel,              Invalid,   InvalidStateTransition",
            "fail,                Pending,   Completed@",
            "fail,                Running,   Completed@",
            "fail,                Completed, InvalidStateTransition",
            "fail,                Resolving, InvalidStateTransition",
            "reject,              Pending,   Pending@",
            "reject,              Running,   Pending@",
            "reject,              Completed, InvalidRequest",
            "reject,              Resolving, InvalidRequest",
            "reject,              Invalid,   InvalidRequest",
            "complete-same-cell,  Pending,   InvalidStateTransition",
            "complete-same-cell,  Running,   Completed@",
            "complete-same-cell,  Completed, InvalidStateTransition",
            "complete-same-cell,  Resolving, InvalidStateTransition",
            "complete-other-cell, Pending,   InvalidStateTransition",
            "complete-other-cell, Running,   RunningOnDifferentCell",
            "complete-other-cell, Completed, InvalidStateTransition",
            "complete-other-cell, Resolving, InvalidStateTransition",
            "resolving,           Pending,   InvalidStateTransition",
            "resolving,           Running,   InvalidStateTransition",
            "resolving,           Completed, Resolving@",
            "resolving,           Resolving, InvalidStateTransition",
            "delete,              Pending,   InvalidStateTransition",
            "delete,              Running,   InvalidStateTransition",
            "delete,              Completed, InvalidStateTransition",
            "delete,              Resolving, unchanged",
    })
    void transitionTable(String op, TaskState from, String expected) {
        Task before = TaskSamples.in(from);
        Function<Task, Task> move = OPS.get(op);
        if (expected.equals("unchanged")) {
            assertSame(before, move.apply(before));
        } else if (expected.contains("@")) {
            Task after = move.apply(before);
            String[] stateAndCell = expected.split("@", -1);
            assertEquals(TaskState.valueOf(stateAndCell[0]), after.state());
            assertEquals(stateAndCell[1], after.cellId());
            assertEquals(NOW, after.updatedAt(), "every write stamps updated_at");
            assertEquals(before.createdAt(), after.createdAt());
            assertEquals(before.taskDefinition(), after.taskDefinition());
        } else {
            DiegoException e = assertThrows(DiegoException.class, () -> move.apply(before));
            assertEquals(ErrorType.valueOf(expected), e.type(), e.getMessage());
            assertTrue(e.getMessage().contains(TaskSamples.GUID), "the message names the task: " + e.getMessage());
        }
    }

    @Test
    void theTableCoversEveryOperationFromEveryLiveState() throws NoSuchMethodException {
        CsvSource table = TaskTest.class.getDeclaredMethod("transitionTable", String.class, TaskState.class, String.class)
                .getAnnotation(CsvSource.class);
        Set<String> rows = Arrays.stream(table.value())
                .map(row -> row.split(",")[0].trim() + " " + row.split(",")[1].trim()).collect(Collectors.toSet());
        for (String op : OPS.keySet()) {
            for (TaskState from : EnumSet.range(TaskState.Pending, TaskState.Resolving)) {
                assertTrue(rows.contains(op + " " + from), "no row for " + op + " from " + from);
            }
        }
    }

    @Test
    void aNewTaskIsPendingOnNoCell() {
        Task t = Task.pending(TaskSamples.definition(), "g", "d", T0);
        assertAll(() -> assertEquals(TaskState.Pending, t.state()), () -> assertEquals("", t.cellId()),
                () -> assertEquals(T0, t.createdAt()), () -> assertEquals(T0, t.updatedAt()),
                () -> assertEquals(0, t.firstCompletedAt()), () -> assertEquals(0, t.rejectionCount()));
    }

    @Test
    void completingRecordsTheOutcomeAndClearsTheCell() {
        Task after = TaskSamples.in(TaskState.Running).complete(CELL, true, "exit status 1", "partial", NOW);
        assertAll(() -> assertEquals(TaskState.Completed, after.state()),
                () -> assertTrue(after.failed()),
                () -> assertEquals("exit status 1", after.failureReason()),
                () -> assertEquals("partial", after.result()),
                () -> assertEquals("", after.cellId(), "Diego clears cell_id on completion"),
                () -> assertEquals(NOW, after.firstCompletedAt()));
    }

    @Test
    void differentCellMessageNamesBothCells() {
        DiegoException e = assertThrows(DiegoException.class,
                () -> TaskSamples.in(TaskState.Running).complete(OTHER_CELL, false, "", "", NOW));
        assertTrue(e.getMessage().contains(CELL) && e.getMessage().contains(OTHER_CELL), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"Pending", "Running"})
    void cancelFailsTheTaskWithDiegosReason(TaskState from) {
        Task after = TaskSamples.in(from).cancel(NOW);
        assertAll(() -> assertTrue(after.failed()), () -> assertEquals("task was cancelled", after.failureReason()),
                () -> assertEquals("", after.result()), () -> assertEquals(NOW, after.firstCompletedAt()),
                () -> assertEquals("", after.cellId()));
    }

    @Test
    void rejectionsCountUpAndTheOneAfterMaxRetriesFailsTheTask() {
        Task t = TaskSamples.in(TaskState.Pending);
        for (int i = 1; i <= MAX_RETRIES; i++) {
            t = t.start(CELL, NOW).reject("no room " + i, MAX_RETRIES, NOW + i);
            assertEquals(TaskState.Pending, t.state(), "rejection " + i);
            assertEquals(i, t.rejectionCount());
            assertEquals("no room " + i, t.rejectionReason());
            assertEquals("", t.cellId(), "a rejected task waits on no cell");
            assertEquals(false, t.failed());
        }
        Task last = t.reject("still no room", MAX_RETRIES, NOW + 9);
        assertAll(() -> assertEquals(TaskState.Completed, last.state()),
                () -> assertTrue(last.failed()),
                () -> assertEquals("still no room", last.failureReason()),
                () -> assertEquals("still no room", last.rejectionReason()),
                () -> assertEquals(MAX_RETRIES + 1, last.rejectionCount()),
                () -> assertEquals(NOW + 9, last.firstCompletedAt()));
    }

    @Test
    void zeroRetriesFailsOnTheFirstRejection() {
        assertEquals(TaskState.Completed, TaskSamples.in(TaskState.Pending).reject("r", 0, NOW).state());
    }

    @Test
    void reasonsAreTruncatedTo1024CharactersWithoutSplittingACharacter() {
        String longReason = "x".repeat(2000);
        assertEquals(1024, TaskSamples.in(TaskState.Running).fail(longReason, NOW).failureReason().length());
        assertEquals(1024, TaskSamples.in(TaskState.Pending).reject(longReason, 3, NOW).rejectionReason().length());
        String emoji = "x".repeat(1023) + "\uD83D\uDE00";
        String cut = TaskSamples.in(TaskState.Running).complete(CELL, true, emoji, "", NOW).failureReason();
        assertEquals("x".repeat(1023), cut);
    }

    @Test
    void resolvingKeepsTheOutcome() {
        Task completed = TaskSamples.in(TaskState.Completed);
        Task resolving = completed.resolving(NOW);
        assertAll(() -> assertEquals(completed.failed(), resolving.failed()),
                () -> assertEquals(completed.result(), resolving.result()),
                () -> assertEquals(completed.firstCompletedAt(), resolving.firstCompletedAt()));
        assertDoesNotThrow(resolving::checkDeletable);
    }

    @Test
    void nullsBecomeEmptyStrings() {
        Task t = new Task(null, null, null, 0, 0, 0, null, null, null, false, null, 0, null);
        assertAll(() -> assertEquals("", t.taskGuid()), () -> assertEquals(TaskState.Invalid, t.state()),
                () -> assertEquals("", t.cellId()), () -> assertEquals("", t.completionCallbackUrl()));
    }

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void stateCodesAreDiegos(TaskState s) {
        assertEquals(s, TaskState.ofCode(s.code()));
        assertEquals(Map.of(TaskState.Invalid, 0, TaskState.Pending, 1, TaskState.Running, 2, TaskState.Completed, 3,
                TaskState.Resolving, 4).get(s), s.code());
    }
}
