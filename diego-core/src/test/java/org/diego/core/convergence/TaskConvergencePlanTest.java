package org.diego.core.convergence;

import static org.diego.core.convergence.TaskConvergence.CELL_DISAPPEARED_REASON;
import static org.diego.core.convergence.TaskConvergence.EXPIRED_PENDING_REASON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.diego.core.convergence.TaskConvergencePlan.Transition;
import org.diego.core.messages.TaskAuctionRequest;
import org.diego.core.model.Task;
import org.diego.core.model.TaskSamples;
import org.diego.core.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Task convergence (Diego §2.2, bbs task_convergence.go) as a pure function: a table per step with its
 * boundaries, the interplay of the steps, then jqwik properties over generated task tables, checked by
 * applying the plan with {@link #apply} as the EJB must.
 */
class TaskConvergencePlanTest {
    static final long NOW = 1_800_000_000_000_000_000L;
    static final long SEC = 1_000_000_000L;
    static final TaskConvergenceConfig DEFAULTS = TaskConvergenceConfig.DIEGO_DEFAULTS;
    static final long KICK = 30 * SEC;
    static final long EXPIRE_PENDING = 1800 * SEC;
    static final long EXPIRE_COMPLETED = 120 * SEC;
    static final Set<String> LIVE = Set.of("cell-1", "cell-2");
    static final String URL = "http://cc.example/callback";

    // ---- fixtures --------------------------------------------------------------------------------------

    /** A task with explicit times; a RUNNING or finished one gets a cell, a finished one a result. */
    static Task task(String guid, TaskState state, String cell, long created, long updated, long firstCompleted,
                     String callbackUrl) {
        boolean finished = state == TaskState.Completed || state == TaskState.Resolving;
        return new Task(TaskSamples.definition(callbackUrl), guid, "cf-tasks", created, updated, firstCompleted, state,
                cell, finished ? "out" : "", false, "", 1, "no room");
    }

    static Task pending(String guid, long age) {
        return task(guid, TaskState.Pending, "", NOW - age, NOW - age, 0, "");
    }

    static Task running(String guid, String cell) {
        return task(guid, TaskState.Running, cell, NOW - 3600 * SEC, NOW - 3600 * SEC, 0, "");
    }

    static Task completed(String guid, long sinceFirstCompleted, long sinceUpdated, String url) {
        return task(guid, TaskState.Completed, "", NOW - 3600 * SEC, NOW - sinceUpdated, NOW - sinceFirstCompleted, url);
    }

    static Task resolving(String guid, long sinceFirstCompleted, long sinceUpdated, String url) {
        return task(guid, TaskState.Resolving, "", NOW - 3600 * SEC, NOW - sinceUpdated, NOW - sinceFirstCompleted, url);
    }

    static TaskConvergencePlan plan(Task... tasks) {
        return plan(DEFAULTS, LIVE, tasks);
    }

    static TaskConvergencePlan plan(TaskConvergenceConfig config, Set<String> live, Task... tasks) {
        return TaskConvergence.plan(new TaskConvergenceInput(List.of(tasks), live, NOW, config));
    }

    static List<String> guids(List<Task> tasks) {
        return tasks.stream().map(Task::taskGuid).toList();
    }

    static List<String> befores(List<Transition> ts) {
        return ts.stream().map(t -> t.before().taskGuid()).toList();
    }

    // ---- step 1 and 2: PENDING --------------------------------------------------------------------------

    @ParameterizedTest(name = "PENDING for {0} s + {1} ns: {2}")
    @CsvSource({
            "0,     0,  auction",
            "29,    0,  auction",
            "1799,  0,  auction",
            "1800, -1,  auction",
            "1800,  0,  neither",
            "1800,  1,  expire",
            "86400, 0,  expire",
    })
    void pendingTasksExpireAfterThePendingLimitAndAreOtherwiseReAuctionedEveryPass(long seconds, long nanos,
                                                                                 String expected) {
        Task t = pending("p", seconds * SEC + nanos);
        TaskConvergencePlan p = plan(t);
        assertEquals(expected.equals("expire") ? List.of("p") : List.of(), befores(p.expiredPending()));
        assertEquals(expected.equals("auction") ? List.of("p") : List.of(), guids(p.auction()));
        assertTrue(p.cellDisappeared().isEmpty() && p.demoted().isEmpty() && p.deleted().isEmpty()
                && p.callbacks().isEmpty());
    }

    @Test
    void anExpiredPendingTaskFailsWithDiegosReasonAndKeepsWhatItWas() {
        Task before = pending("p", EXPIRE_PENDING + SEC);
        Transition t = plan(before).expiredPending().get(0);
        assertEquals(before, t.before());
        Task after = t.after();
        assertEquals(TaskState.Completed, after.state());
        assertTrue(after.failed());
        assertEquals("not started within time limit", after.failureReason());
        assertEquals("", after.result());
        assertEquals(NOW, after.updatedAt());
        assertEquals(NOW, after.firstCompletedAt());
        assertEquals(before.createdAt(), after.createdAt());
        assertEquals(before.taskDefinition(), after.taskDefinition());
        assertEquals(before.rejectionCount(), after.rejectionCount());
        assertEquals(before.rejectionReason(), after.rejectionReason());
    }

    @Test
    void everyLivePendingTaskIsReAuctionedInOneBatchWhateverItsLastUpdate() {
        Task fresh = pending("a", 0);
        Task rejected = task("b", TaskState.Pending, "", NOW - 100 * SEC, NOW - SEC, 0, "");
        Task old = pending("c", 600 * SEC);
        TaskConvergencePlan p = plan(fresh, running("r", "cell-1"), rejected, old);
        assertEquals(List.of("a", "b", "c"), guids(p.auction()), "snapshot order, no kick gate for pending");
        List<TaskAuctionRequest> batch = p.auctionRequests();
        assertEquals(List.of(TaskAuctionRequest.of(fresh), TaskAuctionRequest.of(rejected), TaskAuctionRequest.of(old)),
                batch);
        assertEquals(64, batch.get(0).diskMb());
        assertEquals(128, batch.get(0).memoryMb());
        assertEquals(List.of("blue"), batch.get(0).placementTags());
    }

    @Test
    void thePendingLimitIsConfigurable() {
        TaskConvergenceConfig shrunk = new TaskConvergenceConfig(Duration.ofSeconds(3), Duration.ofSeconds(20),
                Duration.ofSeconds(10));
        TaskConvergencePlan p = plan(shrunk, LIVE, pending("young", 19 * SEC), pending("old", 21 * SEC));
        assertEquals(List.of("old"), befores(p.expiredPending()));
        assertEquals(List.of("young"), guids(p.auction()));
    }

    // ---- step 3: RUNNING on a vanished cell --------------------------------------------------------------

    @ParameterizedTest(name = "RUNNING on ''{0}'' with live cells [{1}]: fails={2}")
    @CsvSource({
            "cell-1, cell-1 cell-2, false",
            "cell-2, cell-1,        true",
            "gone,   cell-1 cell-2, true",
            "cell-1, '',            true",
            "'',     cell-1,        true",
    })
    void runningTasksFailWhenTheirCellHasNoPresence(String cell, String live, boolean fails) {
        Set<String> cells = live.isBlank() ? Set.of() : Set.of(live.trim().split("\\s+"));
        Task t = running("r", cell);
        TaskConvergencePlan p = plan(DEFAULTS, cells, t);
        assertEquals(fails ? List.of("r") : List.of(), befores(p.cellDisappeared()));
        assertEquals(fails ? 0 : 1, p.metrics().running());
    }

    @Test
    void aTaskLostWithItsCellFailsWithDiegosReasonAndStillNamesTheCell() {
        Task before = running("r", "gone");
        Task after = plan(before).cellDisappeared().get(0).after();
        assertEquals(TaskState.Completed, after.state());
        assertTrue(after.failed());
        assertEquals("cell disappeared before completion", after.failureReason());
        assertEquals("gone", after.cellId(), "Diego's convergence leaves cell_id");
        assertEquals(NOW, after.updatedAt());
        assertEquals(NOW, after.firstCompletedAt());
    }

    @Test
    void aRunningTaskOnALiveCellIsNeverTouchedHoweverOld() {
        Task ancient = task("r", TaskState.Running, "cell-1", 0, 0, 0, URL);
        TaskConvergencePlan p = plan(ancient);
        assertTrue(p.isEmpty(), p.toString());
    }

    // ---- step 4: RESOLVING whose resolver went quiet ----------------------------------------------------

    @ParameterizedTest(name = "RESOLVING, updated {0} s + {1} ns ago: demoted={2}")
    @CsvSource({
            "0,  0, false",
            "30, 0, false",
            "30, 1, true",
            "31, 0, true",
    })
    void resolvingTasksAreDemotedAfterTheKickDuration(long seconds, long nanos, boolean demoted) {
        Task t = resolving("z", 5 * SEC, seconds * SEC + nanos, URL);
        TaskConvergencePlan p = plan(t);
        assertEquals(demoted ? List.of("z") : List.of(), befores(p.demoted()));
        assertEquals(demoted ? 0 : 1, p.metrics().resolving());
    }

    @Test
    void aDemotedTaskIsCompletedAgainWithItsTimesUntouched() {
        Task before = resolving("z", 40 * SEC, 40 * SEC, URL);
        Task after = plan(before).demoted().get(0).after();
        assertEquals(TaskState.Completed, after.state());
        assertEquals(before.updatedAt(), after.updatedAt(), "Diego updates only the state");
        assertEquals(before.firstCompletedAt(), after.firstCompletedAt());
        assertEquals(before.result(), after.result());
    }

    @Test
    void aDemotedTaskHasItsCallbackSentAgainInTheSamePass() {
        TaskConvergencePlan p = plan(resolving("z", 40 * SEC, 40 * SEC, URL));
        assertEquals(List.of("z"), befores(p.demoted()));
        assertEquals(List.of(p.demoted().get(0).after()), p.callbacks(), "the demoted record, COMPLETED");
        assertTrue(p.deleted().isEmpty());
    }

    @Test
    void aDemotedTaskPastTheCompletedExpiryIsDeletedInTheSamePassNotCalledBack() {
        TaskConvergencePlan p = plan(resolving("z", 200 * SEC, 40 * SEC, URL));
        assertEquals(List.of("z"), befores(p.demoted()));
        assertEquals(List.of(p.demoted().get(0).after()), p.deleted());
        assertTrue(p.callbacks().isEmpty());
        assertEquals(new TaskConvergenceMetrics(0, 0, 0, 0, 0, 1), p.metrics());
    }

    @Test
    void aResolvingTaskIsNeverDeletedWhileItsResolverIsActive() {
        TaskConvergencePlan p = plan(resolving("z", 3600 * SEC, SEC, URL));
        assertTrue(p.isEmpty(), "first completed long ago but resolved a second ago: " + p);
    }

    // ---- step 5: expired COMPLETED ------------------------------------------------------------------------

    @ParameterizedTest(name = "COMPLETED first {0} s + {1} ns ago: deleted={2}")
    @CsvSource({
            "0,   0, false",
            "119, 0, false",
            "120, 0, false",
            "120, 1, true",
            "600, 0, true",
    })
    void completedTasksAreDeletedAfterTheCompletedExpiryResolvedOrNot(long seconds, long nanos, boolean deleted) {
        Task t = completed("c", seconds * SEC + nanos, 0, "");
        TaskConvergencePlan p = plan(t);
        assertEquals(deleted ? List.of("c") : List.of(), guids(p.deleted()));
        assertEquals(deleted ? 1 : 0, p.metrics().pruned());
        assertEquals(deleted ? 0 : 1, p.metrics().completed());
    }

    @Test
    void theExpiryCountsFromTheFirstCompletionNotTheLastUpdate() {
        TaskConvergencePlan p = plan(completed("c", 200 * SEC, SEC, URL));
        assertEquals(List.of("c"), guids(p.deleted()));
        assertTrue(p.callbacks().isEmpty(), "a deleted task is not called back");
    }

    // ---- step 6: callbacks of COMPLETED tasks nobody resolved ------------------------------------------------

    @ParameterizedTest(name = "COMPLETED, updated {0} s + {1} ns ago, url ''{2}'': callback={3}")
    @CsvSource({
            "0,  0, " + URL + ", false",
            "30, 0, " + URL + ", false",
            "30, 1, " + URL + ", true",
            "60, 0, " + URL + ", true",
            "60, 0, '',          false",
    })
    void completedTasksWithACallbackGetItAgainAfterTheKickDuration(long seconds, long nanos, String url,
                                                                   boolean called) {
        Task t = completed("c", seconds * SEC + nanos, seconds * SEC + nanos, url);
        TaskConvergencePlan p = plan(t);
        assertEquals(called ? List.of(t) : List.of(), p.callbacks());
        boolean kickable = seconds * SEC + nanos > KICK;
        assertEquals(kickable ? 1 : 0, p.metrics().kicked(), "Diego counts every kickable completed task");
        assertTrue(p.deleted().isEmpty());
    }

    // ---- the steps together ----------------------------------------------------------------------------------

    @Test
    void tasksFailedByThisPassAreNeitherPrunedNorCalledBackInIt() {
        TaskConvergenceConfig zero = new TaskConvergenceConfig(Duration.ZERO, Duration.ofSeconds(20), Duration.ZERO);
        Task expired = task("p", TaskState.Pending, "", NOW - 60 * SEC, NOW - 60 * SEC, 0, URL);
        Task lost = task("r", TaskState.Running, "gone", NOW - 60 * SEC, NOW - 60 * SEC, 0, URL);
        TaskConvergencePlan p = plan(zero, LIVE, expired, lost);
        assertEquals(List.of("p"), befores(p.expiredPending()));
        assertEquals(List.of("r"), befores(p.cellDisappeared()));
        assertTrue(p.deleted().isEmpty() && p.callbacks().isEmpty(),
                "their times are now: Diego's later queries do not pick them");
        assertEquals(2, p.metrics().completed());
    }

    @Test
    void aMixedTableGivesEveryStepAndDiegosMetrics() {
        TaskConvergencePlan p = plan(
                pending("pending-young", 10 * SEC),
                pending("pending-old", 2 * EXPIRE_PENDING),
                running("running-live", "cell-1"),
                running("running-lost", "cell-9"),
                resolving("resolving-active", 10 * SEC, 10 * SEC, URL),
                resolving("resolving-quiet", 60 * SEC, 60 * SEC, URL),
                resolving("resolving-quiet-expired", 600 * SEC, 60 * SEC, URL),
                completed("completed-new", 5 * SEC, 5 * SEC, URL),
                completed("completed-unresolved", 60 * SEC, 60 * SEC, URL),
                completed("completed-no-url", 60 * SEC, 60 * SEC, ""),
                completed("completed-expired", 600 * SEC, 600 * SEC, URL));
        assertEquals(List.of("pending-old"), befores(p.expiredPending()));
        assertEquals(List.of("pending-young"), guids(p.auction()));
        assertEquals(List.of("running-lost"), befores(p.cellDisappeared()));
        assertEquals(List.of("resolving-quiet", "resolving-quiet-expired"), befores(p.demoted()));
        assertEquals(List.of("resolving-quiet-expired", "completed-expired"), guids(p.deleted()));
        assertEquals(List.of("resolving-quiet", "completed-unresolved"), guids(p.callbacks()));
        // After the writes: pending-young; running-live; pending-old, running-lost, resolving-quiet, completed-new,
        // -unresolved, -no-url COMPLETED; resolving-active. Kicked: 1 + 1 + 1 + 3 (no-url too); pruned 2.
        assertEquals(new TaskConvergenceMetrics(1, 1, 6, 1, 6, 2), p.metrics());
    }

    @Test
    void anEmptyTableIsAnEmptyPlan() {
        TaskConvergencePlan p = plan();
        assertTrue(p.isEmpty());
        assertEquals(new TaskConvergenceMetrics(0, 0, 0, 0, 0, 0), p.metrics());
    }

    @Test
    void invalidTasksAreLeftAloneAndADuplicateGuidIsReadOnce() {
        Task invalid = task("x", TaskState.Invalid, "gone", 0, 0, 0, URL);
        Task first = pending("dup", SEC);
        Task second = running("dup", "gone");
        TaskConvergencePlan p = plan(invalid, first, second);
        assertEquals(List.of("dup"), guids(p.auction()));
        assertTrue(p.cellDisappeared().isEmpty());
        assertEquals(new TaskConvergenceMetrics(1, 0, 0, 0, 1, 0), p.metrics());
    }

    @Test
    void durationsAreDiegosByDefaultNeverNegativeAndMayBeHuge() {
        assertEquals(new TaskConvergenceConfig(Duration.ofSeconds(30), Duration.ofSeconds(1800), Duration.ofSeconds(120)),
                DEFAULTS);
        assertThrows(IllegalArgumentException.class,
                () -> new TaskConvergenceConfig(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new TaskConvergenceConfig(Duration.ZERO, Duration.ofSeconds(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new TaskConvergenceConfig(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new TaskConvergenceConfig(null, Duration.ZERO, Duration.ZERO));
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        TaskConvergencePlan p = plan(new TaskConvergenceConfig(forever, forever, forever), LIVE,
                pending("p", NOW), resolving("z", NOW, NOW, URL), completed("c", NOW, NOW, URL));
        assertEquals(List.of("p"), guids(p.auction()), "nothing is ever old enough");
        assertTrue(p.expiredPending().isEmpty() && p.demoted().isEmpty() && p.deleted().isEmpty()
                && p.callbacks().isEmpty());
    }

    // ---- the apply helper: the plan's meaning, as the EJB must implement it ----------------------------------

    /**
     * Applies the plan to a copy of the table like the EJB: each write only if the row still has the state
     * and updated_at the plan read, in step order; a row written twice must have been read after the first
     * write (a demotion followed by the deletion of the demoted record). Auctions and callbacks write nothing.
     */
    static Map<String, Task> apply(List<Task> tasks, TaskConvergencePlan p) {
        Map<String, Task> db = new LinkedHashMap<>();
        tasks.forEach(t -> db.putIfAbsent(t.taskGuid(), t));
        for (Transition t : Stream.of(p.expiredPending(), p.cellDisappeared(), p.demoted()).flatMap(List::stream).toList()) {
            assertEquals(t.before(), db.get(t.before().taskGuid()), "row changed under the action: " + t);
            db.put(t.after().taskGuid(), t.after());
        }
        for (Task t : p.deleted()) {
            assertEquals(t, db.remove(t.taskGuid()), "deleted a row not as read: " + t);
        }
        for (Task t : p.callbacks()) {
            assertEquals(t, db.get(t.taskGuid()), "callback of a task not as the pass left it: " + t);
        }
        return db;
    }

    // ---- properties --------------------------------------------------------------------------------------------

    static final List<String> CELLS = List.of("cell-1", "cell-2", "cell-3", "gone", "");
    static final List<TaskConvergenceConfig> CONFIGS = List.of(DEFAULTS,
            new TaskConvergenceConfig(Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(10)),
            new TaskConvergenceConfig(Duration.ZERO, Duration.ZERO, Duration.ZERO));

    record World(List<Task> tasks, Set<String> live, TaskConvergenceConfig config) {
        TaskConvergencePlan plan() {
            return TaskConvergence.plan(new TaskConvergenceInput(tasks, live, NOW, config));
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        // Ages around every limit of every config, and anything in between.
        Arbitrary<Long> age = Arbitraries.oneOf(
                Arbitraries.of(0L, 3 * SEC, 3 * SEC + 1, 10 * SEC, 10 * SEC + 1, 20 * SEC, 20 * SEC + 1, KICK, KICK + 1,
                        EXPIRE_COMPLETED, EXPIRE_COMPLETED + 1, EXPIRE_PENDING, EXPIRE_PENDING + 1),
                Arbitraries.longs().between(0, 2 * EXPIRE_PENDING));
        Arbitrary<TaskState> state = Arbitraries.of(TaskState.Pending, TaskState.Pending, TaskState.Running,
                TaskState.Running, TaskState.Completed, TaskState.Completed, TaskState.Resolving, TaskState.Resolving,
                TaskState.Invalid);
        Arbitrary<Task> task = Combinators.combine(Arbitraries.integers().between(0, 30), state, Arbitraries.of(CELLS),
                        age, age, age, Arbitraries.of(URL, ""))
                .as((g, st, cell, created, updated, completed, url) -> {
                    boolean finished = st == TaskState.Completed || st == TaskState.Resolving;
                    return task("t" + g, st, st == TaskState.Running ? cell : "", NOW - created, NOW - updated,
                            finished ? NOW - completed : 0, url);
                });
        Arbitrary<List<Task>> tasks = task.list().ofMaxSize(30);
        Arbitrary<Set<String>> live = Arbitraries.of("cell-1", "cell-2", "cell-3").set();
        return Combinators.combine(tasks, live, Arbitraries.of(CONFIGS)).as(World::new);
    }

    /** Every (step, guid) the plan acts on. */
    static List<Map.Entry<String, String>> actions(TaskConvergencePlan p) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        p.expiredPending().forEach(t -> out.add(Map.entry("expire", t.before().taskGuid())));
        p.auction().forEach(t -> out.add(Map.entry("auction", t.taskGuid())));
        p.cellDisappeared().forEach(t -> out.add(Map.entry("lost", t.before().taskGuid())));
        p.demoted().forEach(t -> out.add(Map.entry("demote", t.before().taskGuid())));
        p.deleted().forEach(t -> out.add(Map.entry("delete", t.taskGuid())));
        p.callbacks().forEach(t -> out.add(Map.entry("callback", t.taskGuid())));
        return out;
    }

    @Property(tries = 500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void aTaskIsActedOnOnceExceptADemotionFollowedByItsDeletionOrCallback(@ForAll("worlds") World w) {
        TaskConvergencePlan p = w.plan();
        Map<String, List<String>> byTask = new HashMap<>();
        actions(p).forEach(a -> byTask.computeIfAbsent(a.getValue(), g -> new ArrayList<>()).add(a.getKey()));
        byTask.forEach((guid, steps) -> {
            if (steps.size() > 1) {
                assertEquals(2, steps.size(), guid + ": " + steps);
                assertEquals("demote", steps.get(0), guid + ": " + steps);
                assertTrue(Set.of("delete", "callback").contains(steps.get(1)), guid + ": " + steps);
            }
        });
        // The generator must reach the chained case often enough to matter (about 30 % of tables; loose bound).
        Statistics.label("chained").collect(byTask.values().stream().anyMatch(s -> s.size() > 1));
        Statistics.label("chained").coverage(c -> c.check(true).percentage(pc -> pc > 10));
    }

    @Property(tries = 500)
    void aRunningTaskOnALiveCellIsNeverTouched(@ForAll("worlds") World w) {
        TaskConvergencePlan p = w.plan();
        Set<String> protectedGuids = new HashSet<>();
        Map<String, Task> first = new LinkedHashMap<>();
        w.tasks().forEach(t -> first.putIfAbsent(t.taskGuid(), t));
        first.values().stream().filter(t -> t.state() == TaskState.Running && w.live().contains(t.cellId()))
                .forEach(t -> protectedGuids.add(t.taskGuid()));
        actions(p).forEach(a -> assertFalse(protectedGuids.contains(a.getValue()), "touched " + a));
    }

    @Property(tries = 500)
    void onlyCompletedTasksAreDeletedAndOnlyCompletedOnesWithAUrlCalledBack(@ForAll("worlds") World w) {
        TaskConvergencePlan p = w.plan();
        Map<String, Task> read = new LinkedHashMap<>();
        w.tasks().forEach(t -> read.putIfAbsent(t.taskGuid(), t));
        Set<String> demoted = Set.copyOf(befores(p.demoted()));
        for (Task t : p.deleted()) {
            assertEquals(TaskState.Completed, t.state());
            TaskState was = read.get(t.taskGuid()).state();
            assertTrue(was == TaskState.Completed || was == TaskState.Resolving && demoted.contains(t.taskGuid()),
                    "deleted a task read as " + was);
        }
        for (Task t : p.callbacks()) {
            assertEquals(TaskState.Completed, t.state());
            assertFalse(t.completionCallbackUrl().isEmpty());
        }
        p.auction().forEach(t -> assertEquals(TaskState.Pending, t.state()));
        p.expiredPending().forEach(t -> assertEquals(TaskState.Pending, t.before().state()));
        p.cellDisappeared().forEach(t -> assertEquals(TaskState.Running, t.before().state()));
        p.demoted().forEach(t -> assertEquals(TaskState.Resolving, t.before().state()));
    }

    @Property(tries = 500)
    void everyPendingTaskIsFailedOrReAuctionedUnlessExactlyAtTheLimit(@ForAll("worlds") World w) {
        TaskConvergencePlan p = w.plan();
        long limit = NOW - w.config().expirePending().toNanos();
        Set<String> acted = new HashSet<>(befores(p.expiredPending()));
        acted.addAll(guids(p.auction()));
        Map<String, Task> read = new LinkedHashMap<>();
        w.tasks().forEach(t -> read.putIfAbsent(t.taskGuid(), t));
        read.values().stream().filter(t -> t.state() == TaskState.Pending)
                .forEach(t -> assertEquals(t.createdAt() != limit, acted.contains(t.taskGuid()), t.toString()));
    }

    @Property(tries = 500)
    void theAppliedPlanConvergesAndTheMetricsCountIt(@ForAll("worlds") World w) {
        TaskConvergencePlan p = w.plan();
        Map<String, Task> after = apply(w.tasks(), p);
        TaskConvergenceMetrics m = p.metrics();
        assertEquals(count(after, TaskState.Pending), m.pending());
        assertEquals(count(after, TaskState.Running), m.running());
        assertEquals(count(after, TaskState.Completed), m.completed());
        assertEquals(count(after, TaskState.Resolving), m.resolving());
        assertEquals(p.deleted().size(), m.pruned());
        assertTrue(m.kicked() >= p.expiredPending().size() + p.auction().size() + p.cellDisappeared().size()
                + p.callbacks().size());

        // The same instant again: nothing left to write; only the idempotent sends repeat.
        TaskConvergencePlan again = TaskConvergence.plan(
                new TaskConvergenceInput(List.copyOf(after.values()), w.live(), NOW, w.config()));
        assertTrue(again.expiredPending().isEmpty() && again.cellDisappeared().isEmpty() && again.demoted().isEmpty()
                && again.deleted().isEmpty(), again.toString());
        assertEquals(guids(p.auction()), guids(again.auction()));
        assertEquals(guids(p.callbacks()), guids(again.callbacks()));
    }

    @Property(tries = 300)
    void failuresChangeOnlyTheCompletionFields(@ForAll("worlds") World w) {
        for (Transition t : w.plan().failures()) {
            Task b = t.before();
            Task a = t.after();
            assertEquals(List.of(b.taskGuid(), b.domain(), b.createdAt(), b.cellId(), b.rejectionCount(),
                    b.rejectionReason()), List.of(a.taskGuid(), a.domain(), a.createdAt(), a.cellId(), a.rejectionCount(),
                    a.rejectionReason()));
            assertEquals(b.taskDefinition(), a.taskDefinition());
            assertEquals(List.of(TaskState.Completed, true, "", NOW, NOW),
                    List.of(a.state(), a.failed(), a.result(), a.updatedAt(), a.firstCompletedAt()));
            assertTrue(Set.of(EXPIRED_PENDING_REASON, CELL_DISAPPEARED_REASON).contains(a.failureReason()));
        }
    }

    static long count(Map<String, Task> db, TaskState state) {
        return db.values().stream().filter(t -> t.state() == state).count();
    }
}
