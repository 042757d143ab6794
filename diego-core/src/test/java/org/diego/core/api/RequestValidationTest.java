package org.diego.core.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Diego's Validate rules per request: the first bad field is named in an InvalidRequest error. */
class RequestValidationTest {
    static final ActualLrpKey KEY = new ActualLrpKey("p", 0, "d");
    static final InstanceKey IK = new InstanceKey("ig", "cell");
    static final NetInfo NET = new NetInfo("10.0.0.1", List.of(), "");

    record Case(String name, Supplier<Object> validate, String field) {
        @Override
        public String toString() {
            return name + " -> " + field;
        }
    }

    static Case c(String name, Supplier<Object> validate, String field) {
        return new Case(name, validate, field);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                c("claim without guid", () -> new ClaimActualLrpRequest("", 0, IK).validate(), "process_guid"),
                c("claim without key", () -> new ClaimActualLrpRequest("p", 0, null).validate(), "actual_lrp_instance_key"),
                c("claim without cell", () -> new ClaimActualLrpRequest("p", 0, new InstanceKey("ig", "")).validate(),
                        "actual_lrp_instance_key.cell_id"),
                c("claim without instance guid", () -> new ClaimActualLrpRequest("p", 0, new InstanceKey(null, "c")).validate(),
                        "actual_lrp_instance_key.instance_guid"),
                c("start without key", () -> start(null, IK, NET).validate(), "actual_lrp_key"),
                c("start without guid", () -> start(new ActualLrpKey("", 0, "d"), IK, NET).validate(),
                        "actual_lrp_key.process_guid"),
                c("start negative index", () -> start(new ActualLrpKey("p", -1, "d"), IK, NET).validate(),
                        "actual_lrp_key.index"),
                c("start without domain", () -> start(new ActualLrpKey("p", 0, ""), IK, NET).validate(),
                        "actual_lrp_key.domain"),
                c("start without instance key", () -> start(KEY, null, NET).validate(), "actual_lrp_instance_key"),
                c("start without net info", () -> start(KEY, IK, null).validate(), "actual_lrp_net_info"),
                c("start without address", () -> start(KEY, IK, new NetInfo("", List.of(), "1.1.1.1")).validate(),
                        "actual_lrp_net_info.address"),
                c("crash without key", () -> new CrashActualLrpRequest(null, IK, "x").validate(), "actual_lrp_key"),
                c("crash without cell", () -> new CrashActualLrpRequest(KEY, new InstanceKey("ig", null), "x").validate(),
                        "actual_lrp_instance_key.cell_id"),
                c("fail without key", () -> new FailActualLrpRequest(null, "no room").validate(), "actual_lrp_key"),
                c("fail without message", () -> new FailActualLrpRequest(KEY, "").validate(), "error_message"),
                c("remove without guid", () -> new RemoveActualLrpRequest(null, 0, IK).validate(), "process_guid"),
                c("remove negative index", () -> new RemoveActualLrpRequest("p", -2, IK).validate(), "index"),
                c("retire without key", () -> new RetireActualLrpRequest(null).validate(), "actual_lrp_key"),
                c("retire without domain", () -> new RetireActualLrpRequest(new ActualLrpKey("p", 0, null)).validate(),
                        "actual_lrp_key.domain"),
                c("remove evacuating without instance key",
                        () -> new RemoveEvacuatingActualLrpRequest(KEY, null).validate(), "actual_lrp_instance_key"),
                c("evacuate claimed without key", () -> new EvacuateClaimedActualLrpRequest(null, IK).validate(),
                        "actual_lrp_key"),
                c("evacuate crashed without message", () -> new EvacuateCrashedActualLrpRequest(KEY, IK, "").validate(),
                        "error_message"),
                c("evacuate stopped without instance guid",
                        () -> new EvacuateStoppedActualLrpRequest(KEY, new InstanceKey("", "c")).validate(),
                        "actual_lrp_instance_key.instance_guid"),
                c("evacuate running without net info",
                        () -> new EvacuateRunningActualLrpRequest(KEY, IK, null, null, null, null, null).validate(),
                        "actual_lrp_net_info"),
                c("list by guids, none", () -> new ActualLrpsByProcessGuidsRequest(List.of()).validate(), "process_guids"),
                c("list by guids, null", () -> new ActualLrpsByProcessGuidsRequest(null).validate(), "process_guids"),
                c("groups by guid without guid", () -> new ActualLrpGroupsByProcessGuidRequest("").validate(), "process_guid"),
                c("group by index without guid",
                        () -> new ActualLrpGroupByProcessGuidAndIndexRequest(null, 0).validate(), "process_guid"),
                c("group by negative index",
                        () -> new ActualLrpGroupByProcessGuidAndIndexRequest("p", -1).validate(), "index")
        ).map(Arguments::of);
    }

    static StartActualLrpRequest start(ActualLrpKey key, InstanceKey ik, NetInfo net) {
        return new StartActualLrpRequest(key, ik, net, null, null, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void namesTheFirstBadField(Case c) {
        ValidationException e = assertThrows(ValidationException.class, c.validate()::get);
        assertEquals(c.field(), e.field());
        assertEquals(ErrorType.InvalidRequest, e.type());
        assertTrue(e.getMessage().contains(c.field()), e.getMessage());
    }

    @Test
    void wellFormedRequestsPass() {
        assertDoesNotThrow(() -> {
            ActualLrpsRequest.ALL.validate();
            new ActualLrpsRequest("d", "c", "p", 3).validate();
            ActualLrpGroupsRequest.ALL.validate();
            new ActualLrpsByProcessGuidsRequest(List.of("p")).validate();
            new ClaimActualLrpRequest("p", 0, IK).validate();
            start(KEY, IK, NET).validate();
            new CrashActualLrpRequest(KEY, IK, "").validate(); // Diego allows an empty crash reason
            new FailActualLrpRequest(KEY, "no room").validate();
            new RemoveActualLrpRequest("p", 0, null).validate(); // the instance key is optional
            new RetireActualLrpRequest(KEY).validate();
            new RemoveEvacuatingActualLrpRequest(KEY, IK).validate();
            new EvacuateClaimedActualLrpRequest(KEY, IK).validate();
            new EvacuateCrashedActualLrpRequest(KEY, IK, "boom").validate();
            new EvacuateStoppedActualLrpRequest(KEY, IK).validate();
            new EvacuateRunningActualLrpRequest(KEY, IK, NET, null, null, null, null).validate();
            new ActualLrpGroupsByProcessGuidRequest("p").validate();
            new ActualLrpGroupByProcessGuidAndIndexRequest("p", 0).validate();
        });
    }
}
