package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DesiredLrpUpdate;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.RunAction;
import org.diego.ejb.bbs.ActualLrpRows;
import org.diego.ejb.bbs.ActualLrps;
import org.diego.ejb.bbs.Cells;
import org.diego.ejb.bbs.DesiredLrps;
import org.diego.ejb.bbs.Fences;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.config.DiegoConfig;
import org.diego.ejb.config.TimeSources;
import org.diego.ejb.events.EventHub;
import org.diego.ejb.messaging.AuctionQueue;
import org.diego.ejb.messaging.AuctionRequests;
import org.diego.ejb.messaging.Messenger;
import org.diego.ejb.persistence.ActualLrpEntity;
import org.diego.ejb.persistence.ActualLrpId;
import org.diego.ejb.persistence.CellPresenceEntity;
import org.diego.ejb.persistence.DesiredLrpEntity;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The BBS beans inside the real DAS against the real MariaDB and broker: every transition is one
 * transaction on a locked row, so two cells claiming one instance at once produce exactly one winner,
 * and a refused request changes nothing. The rootfs is one no cell offers, so the live auctioneer
 * leaves these instances UNCLAIMED for the test to drive.
 */
@ExtendWith(ArquillianExtension.class)
class BbsTransactionsIT {
    private static final String UNPLACEABLE_ROOTFS = "preloaded:arquillian-only";

    @Deployment
    static WebArchive deployment() {
        File ejbMeta = new File("../diego-ejb/src/main/resources/META-INF");
        return ShrinkWrap.create(WebArchive.class, "bbs-it.war")
                .addClasses(DesiredLrps.class, ActualLrps.class, Cells.class, Messenger.class, DiegoConfig.class,
                        TimeSources.class, ActualLrpEntity.class, ActualLrpId.class, DesiredLrpEntity.class,
                        CellPresenceEntity.class, Fences.class, Fence.class, EventHub.class, ActualLrpRows.class,
                        AuctionRequests.class, AuctionQueue.class)
                // package-private helpers of the beans and entities
                .addClass("org.diego.ejb.bbs.DesiredLrpWhere")
                .addClass("org.diego.ejb.bbs.DuplicateKey")
                .addClass("org.diego.ejb.persistence.MetricTagsColumn")
                .addClass("org.diego.ejb.events.SerialExecutor")
                .addAsResource(new File(ejbMeta, "persistence.xml"), "META-INF/persistence.xml")
                .addAsWebInfResource(new File(ejbMeta, "ejb-jar.xml"), "ejb-jar.xml")
                .addAsWebInfResource(new File(ejbMeta, "beans.xml"), "beans.xml")
                .addAsLibraries(new File("target/it-libs").listFiles());
    }

    @Inject
    DesiredLrps desired;
    @Inject
    ActualLrps actuals;
    @Resource
    ManagedExecutorService executor;

    private static DesiredLrp lrp(String guid, int instances) {
        return DesiredLrp.builder().processGuid(guid).domain("arquillian").rootfs(UNPLACEABLE_ROOTFS)
                .instances(instances).memoryMb(16).diskMb(16)
                .action(new Action(new RunAction("/bin/true", List.of(), null, List.of(), null))).build();
    }

    @Test
    void concurrentClaimsOfOneInstanceHaveExactlyOneWinner() throws Exception {
        String guid = "arq-claim-" + System.nanoTime();
        desired.desire(lrp(guid, 1));
        try {
            int contenders = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                InstanceKey key = new InstanceKey("instance-" + i, "arq-cell-" + i); // never a live cell
                results.add(executor.submit(() -> {
                    start.await();
                    try {
                        actuals.claim(guid, 0, key);
                        return "won";
                    } catch (DiegoException e) {
                        return e.type().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
            assertEquals(contenders - 1, outcomes.stream().filter(ErrorType.ActualLRPCannotBeClaimed.name()::equals).count(),
                    outcomes.toString());
            ActualLrp row = actuals.byProcess(guid).get(0);
            assertEquals(ActualLrpState.CLAIMED, row.state());
            assertTrue(row.modificationTag().index() >= 1, "the claim bumped the modification tag");
        } finally {
            desired.remove(guid);
        }
        assertTrue(actuals.byProcess(guid).isEmpty(), "rows of a removed LRP on a cell that is not live are deleted");
    }

    @Test
    void aRefusedDesireStoresNothing() {
        String guid = "arq-refused-" + System.nanoTime();
        DesiredLrp negative = lrp(guid, -1);
        DiegoException e = assertThrows(DiegoException.class, () -> desired.desire(negative));
        assertEquals(ErrorType.InvalidRequest, e.type());
        assertTrue(e.getMessage().contains("instances"), e.getMessage());
        assertNull(desired.find(guid));
        assertTrue(actuals.byProcess(guid).isEmpty());
    }

    @Test
    void transitionsFollowTheStateMachineAndRefusalsRollBack() {
        String guid = "arq-flow-" + System.nanoTime();
        desired.desire(lrp(guid, 1));
        try {
            InstanceKey mine = new InstanceKey("instance-a", "cell-a");
            actuals.claim(guid, 0, mine);
            ActualLrp claimed = actuals.byProcess(guid).get(0);
            DiegoException refused = assertThrows(DiegoException.class,
                    () -> actuals.crash(claimed.key(), new InstanceKey("other", "cell-b"), "not mine"));
            assertEquals(ErrorType.ActualLRPCannotBeCrashed, refused.type());
            assertEquals(claimed, actuals.byProcess(guid).get(0), "a refused transition changes nothing");
            actuals.start(claimed.key(), mine, (NetInfo) null);
            ActualLrp crashed = actuals.crash(claimed.key(), mine, "Exited with status 1");
            assertEquals(ActualLrpState.UNCLAIMED, crashed.state(), "the first crash restarts immediately");
            assertEquals(1, crashed.crashCount());
        } finally {
            desired.remove(guid);
        }
    }

    @Test
    void aStaleRoleHolderCannotWrite() {
        String guid = "arq-fence-" + System.nanoTime();
        desired.desire(lrp(guid, 2));
        try {
            ActualLrp row = actuals.byProcess(guid).get(1);
            // An index beyond the desired count: the cluster's own converger never recreates it meanwhile.
            ActualLrpKey key = new ActualLrpKey(guid, 5, row.domain());
            String role = "fence-test-" + System.nanoTime();
            actuals.retire(row, new Fence(role, 7));
            assertTrue(actuals.createMissing(key, new Fence(role, 7)), "the current holder writes");
            actuals.retire(actuals.find(key), new Fence(role, 8));
            DiegoException stale = assertThrows(DiegoException.class,
                    () -> actuals.createMissing(key, new Fence(role, 7)), "the old holder's delayed write");
            assertEquals(ErrorType.LockCollision, stale.type());
            assertNull(actuals.find(key), "the refused write changed nothing");
        } finally {
            desired.remove(guid);
        }
    }

    /** A convergence pass whose snapshot predates a removal creates no orphan for the removed LRP. */
    @Test
    void aMissingInstanceOfARemovedLrpIsNotCreated() {
        String guid = "arq-orphan-" + System.nanoTime();
        desired.desire(lrp(guid, 1));
        ActualLrpKey key = actuals.byProcess(guid).get(0).key();
        desired.remove(guid);
        assertFalse(actuals.createMissing(key, new Fence("orphan-test-" + System.nanoTime(), 1)));
        assertNull(actuals.find(key), "nothing was written");
    }

    @Test
    void concurrentDesiresOfOneGuidStoreItOnce() throws Exception {
        String guid = "arq-desire-" + System.nanoTime();
        int contenders = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            results.add(executor.submit(() -> {
                start.await();
                try {
                    desired.desire(lrp(guid, 2));
                    return "stored";
                } catch (DiegoException e) {
                    return e.type().name();
                }
            }));
        }
        start.countDown();
        try {
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter("stored"::equals).count(), outcomes.toString());
            assertEquals(contenders - 1, outcomes.stream().filter(ErrorType.ResourceExists.name()::equals).count(),
                    outcomes.toString());
            assertEquals(2, actuals.byProcess(guid).size(), "one set of instances");
        } finally {
            desired.remove(guid);
        }
    }

    @Test
    void concurrentUpdatesOfOneLrpSerialiseAndAllApply() throws Exception {
        String guid = "arq-update-" + System.nanoTime();
        desired.desire(lrp(guid, 1));
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            DesiredLrpUpdate update = new DesiredLrpUpdate(1 + i % 3, null, "writer-" + i, null, null, null);
            results.add(executor.submit(() -> {
                start.await();
                try {
                    desired.update(guid, update);
                    return "applied";
                } catch (DiegoException e) {
                    return e.type().name();
                }
            }));
        }
        start.countDown();
        try {
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(contenders, outcomes.stream().filter("applied"::equals).count(), outcomes.toString());
            DesiredLrp after = desired.get(guid);
            assertEquals(contenders, after.modificationTag().index(), "every update bumped the tag once");
            // Only a lower bound: a convergence pass racing a scale down may recreate an index above it.
            List<Integer> indices = actuals.byProcess(guid).stream().map(ActualLrp::index).toList();
            for (int i = 0; i < after.instances(); i++) {
                assertTrue(indices.contains(i), "index " + i + " of " + after.instances() + " in " + indices);
            }
        } finally {
            desired.remove(guid);
        }
    }

    @Test
    void scalingCreatesAndRetiresIndicesAndRefusalsChangeNothing() {
        String guid = "arq-scale-" + System.nanoTime();
        desired.desire(lrp(guid, 1));
        try {
            desired.update(guid, DesiredLrpUpdate.instances(3));
            assertEquals(List.of(0, 1, 2), actuals.byProcess(guid).stream().map(ActualLrp::index).toList());
            desired.update(guid, DesiredLrpUpdate.instances(1));
            assertEquals(List.of(0), actuals.byProcess(guid).stream().map(ActualLrp::index).toList(),
                    "unplaced extra instances are deleted at once");
            DiegoException e = assertThrows(DiegoException.class,
                    () -> desired.update(guid, DesiredLrpUpdate.instances(-1)));
            assertEquals(ErrorType.InvalidRequest, e.type());
            assertEquals(2, desired.get(guid).modificationTag().index(), "the refused update wrote nothing");
            DiegoException missing = assertThrows(DiegoException.class,
                    () -> desired.update(guid + "-missing", DesiredLrpUpdate.instances(2)));
            assertEquals(ErrorType.ResourceNotFound, missing.type());
        } finally {
            desired.remove(guid);
        }
    }
}
