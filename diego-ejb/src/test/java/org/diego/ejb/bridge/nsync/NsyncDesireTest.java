package org.diego.ejb.bridge.nsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.nsync.AppRecipeBuilder;
import org.diego.core.bridge.nsync.RecipeSettings;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;

/** Nsync's create-or-update with Diego's two tries on conflict. */
class NsyncDesireTest {
    final FakeLrps bbs = new FakeLrps();
    final AppRecipeBuilder recipes = new AppRecipeBuilder(new RecipeSettings(null, false));

    static DesireAppRequestFromCC app(int instances, String etag) {
        return DesireAppRequestFromCC.builder().processGuid("app-v1").dropletUri("http://d").stack("cflinuxfs4")
                .numInstances(instances).etag(etag).memoryMb(64).diskMb(64).build();
    }

    @Test
    void createsThenUpdates() {
        Nsync.desireOrUpdate(bbs, recipes, app(1, "e1"));
        Nsync.desireOrUpdate(bbs, recipes, app(3, "e2"));
        assertEquals(List.of("desire app-v1", "update app-v1"), bbs.calls);
        assertEquals(3, bbs.lrps.get("app-v1").instances());
        assertEquals("e2", bbs.lrps.get("app-v1").annotation());
    }

    @Test
    void aDesireThatLosesARaceUpdatesOnTheSecondTry() {
        bbs.raceOnDesire.add("app-v1");
        Nsync.desireOrUpdate(bbs, recipes, app(2, "mine"));
        assertEquals(List.of("desire app-v1", "update app-v1"), bbs.calls);
        assertEquals("mine", bbs.lrps.get("app-v1").annotation());
    }

    @Test
    void twoConflictsInARowAreAConflict() {
        LrpStore alwaysRacing = new FakeLrps() {
            @Override
            public void desire(org.diego.core.model.DesiredLrp lrp) {
                calls.add("desire");
                throw new DiegoException(ErrorType.ResourceExists, "exists");
            }
        };
        DiegoException e = assertThrows(DiegoException.class, () -> Nsync.desireOrUpdate(alwaysRacing, recipes, app(1, "")));
        assertEquals(ErrorType.ResourceExists, e.type());
        assertEquals(List.of("desire", "desire"), ((FakeLrps) alwaysRacing).calls);
    }

    @Test
    void badInputChangesNothing() {
        assertThrows(ValidationException.class, () -> Nsync.desireOrUpdate(bbs, recipes,
                DesireAppRequestFromCC.builder().processGuid("app-v1").dropletUri("http://d").build()));
        assertEquals(List.of(), bbs.calls);
    }

    @Test
    void otherFailuresAreNotRetried() {
        LrpStore down = new FakeLrps() {
            @Override
            public void desire(org.diego.core.model.DesiredLrp lrp) {
                calls.add("desire");
                throw new DiegoException(ErrorType.UnknownError, "db down");
            }
        };
        assertThrows(DiegoException.class, () -> Nsync.desireOrUpdate(down, recipes, app(1, "")));
        assertEquals(List.of("desire"), ((FakeLrps) down).calls);
    }
}
