package org.diego.cell.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Resources;
import org.diego.cell.garden.HostPortAllocator;
import org.diego.cell.garden.ProcessBackend;
import org.diego.core.json.Json;
import org.diego.core.messages.CellStateReport;
import org.diego.core.messages.CellStateRequest;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.CellPresence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cell's answer to cell_state_request: built from the executor, sent to JMSReplyTo, correlated. */
class CellStateTest {
    private static final CellPresence PRESENCE = new CellPresence("cell-1", "10.0.0.5", "z1",
            new CellPresence.CellCapacity(1024, 2048, 4),
            List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4"))), List.of("blue"),
            List.of("green"), "");

    @TempDir
    Path workDir;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean evacuating = new AtomicBoolean();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private CellExecutor executor() {
        ProcessBackend backend = new ProcessBackend(workDir.resolve("containers"), "127.0.0.1",
                new HostPortAllocator(), timers, Duration.ofSeconds(1));
        return new CellExecutor(backend, new Resources(1024, 2048, 4), Clock.systemUTC());
    }

    @Test
    void reportsTheLedgerTheLrpsAndReservationsAsStarting() {
        CellExecutor executor = executor();
        executor.reserve("g1", LrpTags.of(new ActualLrpKey("app-1", 0, "cf-apps")), new Resources(256, 512, 1));
        executor.reserve("g2", LrpTags.of(new ActualLrpKey("app-1", 1, "cf-apps")), new Resources(256, 512, 1));
        executor.stop("g2"); // completed before it ran: still holds its resources until destroyed
        CellStateReporter reporter = new CellStateReporter(PRESENCE, executor, List.of("nfs"), evacuating::get);

        CellStateReport report = reporter.state().validate();

        assertEquals("cell-1", report.cellId());
        assertEquals("z1", report.zone());
        assertEquals(new CellStateReport.Resources(1024, 2048, 4), report.totalResources());
        assertEquals(new CellStateReport.Resources(512, 1024, 2), report.availableResources());
        assertEquals(1, report.startingContainerCount(), "the reservation starts; the completed one does not");
        assertEquals(List.of(new CellStateReport.Lrp("app-1", 0, "cf-apps", 256, 512),
                new CellStateReport.Lrp("app-1", 1, "cf-apps", 256, 512)), report.lrps());
        assertEquals(List.of("blue"), report.placementTags());
        assertEquals(List.of("green"), report.optionalPlacementTags());
        assertEquals(PRESENCE.rootfsProviders(), report.rootfsProviders());
        assertEquals(List.of("nfs"), report.volumeDrivers());
        assertFalse(report.evacuating());
        evacuating.set(true);
        assertTrue(reporter.state().evacuating());

        var snapshot = report.toCellState(0);
        assertEquals(512, snapshot.availableMemoryMb());
        assertEquals(2, snapshot.instancesOf("app-1"));
        assertEquals(1, snapshot.startingContainerCount());
    }

    @Test
    void aTaskContainerIsStartingButNoLrp() {
        CellExecutor executor = executor();
        executor.reserve("g1", LrpTags.of(new ActualLrpKey("app-1", 0, "cf-apps")), new Resources(256, 512, 1));
        executor.reserve("task-1", TaskTags.of(Tasks.task("task-1", 128, "true", "")), new Resources(128, 32, 1));

        CellStateReport report = new CellStateReporter(PRESENCE, executor, List.of(), evacuating::get).state();

        assertEquals(2, report.startingContainerCount(), "Diego counts every starting container");
        assertEquals(List.of(new CellStateReport.Lrp("app-1", 0, "cf-apps", 256, 512)), report.lrps());
        assertEquals(new CellStateReport.Resources(640, 1504, 2), report.availableResources());
    }

    @Test
    void answersOnReplyToCorrelatedByTheRequestMessageId() throws Exception {
        FakeJms jms = new FakeJms();
        CellExecutor executor = executor();
        executor.reserve("g1", LrpTags.of(new ActualLrpKey("app-1", 0, "cf-apps")), new Resources(100, 100, 1));
        CellMessageDispatcher dispatcher = new CellMessageDispatcher(new NoWork(),
                new CellStateReporter(PRESENCE, executor, List.of(), evacuating::get));
        JmsWorkConsumer consumer = new JmsWorkConsumer("cell-1", dispatcher);
        consumer.attach(jms.connection());
        Queue replyTo = jms.temporaryQueue();

        jms.deliver(Destinations.cellQueue("cell-1"), Json.write(new CellStateRequest("cell-1")),
                Map.of("diego_type", "cell_state_request"), null, replyTo, "ID:req-7").get();

        assertEquals(1, jms.sent.size());
        FakeJms.Sent reply = jms.sent.get(0);
        assertEquals(replyTo.getQueueName(), reply.destination);
        assertEquals("ID:req-7", reply.correlationId);
        assertEquals("cell_state", reply.properties.get("diego_type"));
        assertEquals(DeliveryMode.NON_PERSISTENT, reply.deliveryMode);
        assertTrue(reply.timeToLive > 0);
        CellStateReport report = Json.read(reply.body, CellStateReport.class);
        assertEquals("cell-1", report.cellId());
        assertEquals(924, report.availableResources().memoryMb());
        assertEquals(1, report.startingContainerCount());
    }

    @Test
    void aRequestWithoutReplyToOrWithoutAStateSourceIsDropped() throws Exception {
        FakeJms jms = new FakeJms();
        JmsWorkConsumer consumer = new JmsWorkConsumer("cell-1", new CellMessageDispatcher(new NoWork(),
                () -> new CellStateReporter(PRESENCE, executor(), List.of(), evacuating::get).state()));
        consumer.attach(jms.connection());
        jms.deliverNow(Destinations.cellQueue("cell-1"), "{}", Map.of("diego_type", "cell_state_request"), null);
        assertTrue(jms.sent.isEmpty());

        CellMessageDispatcher stateless = new CellMessageDispatcher(new NoWork());
        assertFalse(stateless.dispatch("cell_state_request", "{}", body -> {
            throw new AssertionError("no reply expected");
        }));
        assertFalse(stateless.dispatch("cell_state_request", "{not json", body -> { }));
    }

    private static final class NoWork implements CellWorkHandler {
        @Override
        public void work(LrpWork work) {
            throw new AssertionError("no work expected");
        }

        @Override
        public void stop(StopLrpInstance stop) {
            throw new AssertionError("no stop expected");
        }
    }
}
