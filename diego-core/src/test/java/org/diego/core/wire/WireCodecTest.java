package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.api.CellsResponse;
import org.diego.core.api.DesireTaskRequest;
import org.diego.core.api.TaskResponse;
import org.diego.core.api.DomainsResponse;
import org.diego.core.api.ErrorResponse;
import org.diego.core.api.PingResponse;
import org.diego.core.api.UpsertDomainRequest;
import org.diego.core.events.ActualLrpChanged;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpCreated;
import org.diego.core.events.ActualLrpEvents;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceCreated;
import org.diego.core.events.ActualLrpRemoved;
import org.diego.core.events.PublishedEvent;
import org.diego.core.events.TaskChanged;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.MetricTagValue;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.diego.core.model.SecurityGroupRule;
import org.diego.core.model.Task;
import org.diego.core.model.TaskDefinition;
import org.diego.core.model.TaskSamples;
import org.diego.core.wire.proto.ActualLrpProto;
import org.diego.core.wire.proto.ActualLrpRequestsProto.ActualLRPsResponse;
import org.diego.core.wire.proto.CellsProto;
import org.diego.core.wire.proto.DomainProto;
import org.diego.core.wire.proto.ErrorProto;
import org.diego.core.wire.proto.EventsProto.ActualLRPChangedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPCrashedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPCreatedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPInstanceChangedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPInstanceCreatedEvent;
import org.diego.core.wire.proto.EventsProto.ActualLRPRemovedEvent;
import org.diego.core.wire.proto.PingProto;
import org.diego.core.wire.proto.SecurityGroupProto;
import org.diego.core.wire.proto.TaskProto;
import org.diego.core.wire.proto.TaskRequestsProto;
import org.junit.jupiter.api.Test;

/** Records to protobuf bytes and back, checked against the classes generated from Diego's schema. */
class WireCodecTest {
    static final CellPresence CELL = new CellPresence("cell-1", "http://10.0.0.1:1800", "z1",
            new CellPresence.CellCapacity(8192, 32768, 250),
            List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4")),
                    new CellPresence.RootfsProvider("docker", List.of())),
            List.of("blue"), List.of("gpu"), "https://cell-1:1801");

    static ActualLrp running() {
        ActualLrp lrp = ActualLrp.unclaimed(new ActualLrpKey("app-1", 3, "cf-apps"), 1_000L, "epoch-1");
        return lrp.claim(new InstanceKey("ig-1", "cell-1"), 2_000L).start(new InstanceKey("ig-1", "cell-1"),
                new NetInfo("10.0.0.5", List.of(new PortMapping(8080, 61000)), "10.255.0.9"), 3_000L);
    }

    @Test
    void aRequestBuiltWithTheGeneratedClassesDecodesIntoTheRecord() {
        byte[] bytes = DomainProto.UpsertDomainRequest.newBuilder().setDomain("cf-apps").setTtl(-1).build()
                .toByteArray();
        assertEquals(new UpsertDomainRequest("cf-apps", 4_294_967_295L), WireCodec.decode(bytes, UpsertDomainRequest.class));
    }

    @Test
    void onlyAnnotatedClassesAreWireMessages() {
        assertTrue(WireCodec.isWireMessage(UpsertDomainRequest.class));
        assertFalse(WireCodec.isWireMessage(String.class));
        assertFalse(WireCodec.isWireMessage(String.class), "a cached negative answer");
        assertThrows(IllegalArgumentException.class, () -> WireCodec.encode("text"));
    }

    @Test
    void anEmptyBodyIsTheEmptyMessage() {
        assertEquals(new UpsertDomainRequest("", 0), WireCodec.decode(new byte[0], UpsertDomainRequest.class));
    }

    @Test
    void bytesThatAreNoMessageAreInvalidProtobuf() {
        DiegoException e = assertThrows(DiegoException.class,
                () -> WireCodec.decode(new byte[] {0x0A, 0x05, 'a'}, UpsertDomainRequest.class));
        assertEquals(ErrorType.InvalidProtobufMessage, e.type());
    }

    @Test
    void responsesReadAsDiegosMessages() throws Exception {
        assertTrue(PingProto.PingResponse.parseFrom(WireCodec.encode(new PingResponse(true))).getAvailable());
        assertEquals(List.of("cf-apps", "cf-tasks"), DomainProto.DomainsResponse.parseFrom(
                WireCodec.encode(DomainsResponse.of(List.of("cf-apps", "cf-tasks")))).getDomainsList());

        CellsProto.CellsResponse cells = CellsProto.CellsResponse.parseFrom(WireCodec.encode(CellsResponse.of(List.of(CELL))));
        CellsProto.CellPresence cell = cells.getCells(0);
        assertFalse(cells.hasError());
        assertEquals("cell-1", cell.getCellId());
        assertEquals(250, cell.getCapacity().getContainers());
        assertEquals("cflinuxfs4", cell.getRootfsProviders(0).getProperties(0));
        assertEquals("docker", cell.getRootfsProviders(1).getName());
        assertEquals("gpu", cell.getOptionalPlacementTags(0));
        assertEquals("https://cell-1:1801", cell.getRepUrl());
        assertEquals(CellsResponse.of(List.of(CELL)), WireCodec.decode(cells.toByteArray(), CellsResponse.class));
    }

    @Test
    void anErrorResponseIsFieldOneOfAnyResponse() throws Exception {
        byte[] bytes = WireCodec.encode(new ErrorResponse(new DiegoError(ErrorType.InvalidRequest, "bad ttl")));
        DomainProto.DomainsResponse asDomains = DomainProto.DomainsResponse.parseFrom(bytes);
        assertEquals(ErrorProto.Error.Type.InvalidRequest, asDomains.getError().getType());
        assertEquals(4, asDomains.getError().getTypeValue());
        assertEquals("bad ttl", ActualLRPsResponse.parseFrom(bytes).getError().getMessage());
        assertEquals(new DiegoError(ErrorType.InvalidRequest, "bad ttl"),
                WireCodec.decode(bytes, DomainsResponse.class).error());
    }

    @Test
    void everyErrorTypeHasDiegosNumber() {
        for (ErrorType type : ErrorType.values()) {
            ErrorProto.Error.Type proto = ErrorProto.Error.Type.valueOf(type.name());
            byte[] bytes = WireCodec.encode(new ErrorResponse(new DiegoError(type, "m")));
            assertEquals(proto, parseError(bytes), type.name());
        }
    }

    static ErrorProto.Error.Type parseError(byte[] bytes) {
        try {
            return DomainProto.UpsertDomainResponse.parseFrom(bytes).getError().getType();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsEncodeAsDiegosEventMessages() throws Exception {
        ActualLrp lrp = running();
        ActualLRPInstanceCreatedEvent created = ActualLRPInstanceCreatedEvent.parseFrom(
                WireCodec.encode(new ActualLrpInstanceCreated(lrp, "trace-1")));
        assertEquals("app-1", created.getActualLrp().getActualLrpKey().getProcessGuid());
        assertEquals(3, created.getActualLrp().getActualLrpKey().getIndex());
        assertEquals("cell-1", created.getActualLrp().getActualLrpInstanceKey().getCellId());
        assertEquals(61000, created.getActualLrp().getActualLrpNetInfo().getPorts(0).getHostPort());
        assertEquals("RUNNING", created.getActualLrp().getState());
        assertEquals("trace-1", created.getTraceId());

        ActualLrp crashed = lrp.crash(new InstanceKey("ig-1", "cell-1"), "oom", 4_000L,
                org.diego.core.model.RestartPolicy.DEFAULT);
        ActualLrpInstanceChanged changed = ActualLrpInstanceChanged.of(lrp, crashed, "trace-2");
        ActualLRPInstanceChangedEvent event = ActualLRPInstanceChangedEvent.parseFrom(WireCodec.encode(changed));
        assertEquals("ig-1", event.getActualLrpInstanceKey().getInstanceGuid());
        assertEquals("10.0.0.5", event.getBefore().getActualLrpNetInfo().getAddress());
        assertEquals("RUNNING", event.getBefore().getState());
        assertEquals(crashed.state().name(), event.getAfter().getState());
        assertEquals(changed, WireCodec.decode(event.toByteArray(), ActualLrpInstanceChanged.class));
    }

    @Test
    void sseDataIsBase64OfTheProtobufEvent() throws Exception {
        ActualLrp lrp = running();
        ActualLrpCrashed crashed = ActualLrpCrashed.of(lrp, lrp.crash(new InstanceKey("ig-1", "cell-1"), "oom",
                4_000L, org.diego.core.model.RestartPolicy.DEFAULT));
        String data = WireEvents.sseData(PublishedEvent.of(crashed));
        ActualLRPCrashedEvent event = ActualLRPCrashedEvent.parseFrom(Base64.getDecoder().decode(data));
        assertEquals("app-1", event.getActualLrpKey().getProcessGuid());
        assertEquals("cell-1", event.getActualLrpInstanceKey().getCellId());
        assertEquals("oom", event.getCrashReason());
        assertEquals(1, event.getCrashCount());
        assertEquals(WireEvents.descriptor("actual_lrp_crashed"), event.getDescriptorForType());
        assertEquals("TaskChangedEvent", WireEvents.descriptor("task_changed").getName());
    }

    @Test
    void groupEventsTravelAsDiegosDeprecatedGroupMessages() throws Exception {
        ActualLrp lrp = running();
        ActualLrp unclaimed = lrp.unclaim(5_000L);
        ActualLRPCreatedEvent created = ActualLRPCreatedEvent.parseFrom(Base64.getDecoder().decode(
                WireEvents.sseData(PublishedEvent.of(ActualLrpEvents.groupCreated(lrp)))));
        assertEquals("app-1", created.getActualLrpGroup().getInstance().getActualLrpKey().getProcessGuid());
        assertEquals("RUNNING", created.getActualLrpGroup().getInstance().getState());
        assertFalse(created.getActualLrpGroup().hasEvacuating());

        ActualLRPChangedEvent changed = ActualLRPChangedEvent.parseFrom(Base64.getDecoder().decode(
                WireEvents.sseData(PublishedEvent.of(ActualLrpEvents.groupChanged(lrp, unclaimed).get(0)))));
        assertEquals("RUNNING", changed.getBefore().getInstance().getState());
        assertEquals("UNCLAIMED", changed.getAfter().getInstance().getState());
        assertEquals("", changed.getAfter().getInstance().getActualLrpInstanceKey().getCellId());

        ActualLrp evacuating = ActualLrp.evacuating(lrp.key(), lrp.instanceKey(), lrp.runningInfo(), 6_000L, "e");
        ActualLRPRemovedEvent removed = ActualLRPRemovedEvent.parseFrom(Base64.getDecoder().decode(
                WireEvents.sseData(PublishedEvent.of(ActualLrpEvents.groupRemoved(evacuating)))));
        assertFalse(removed.getActualLrpGroup().hasInstance());
        assertEquals(ActualLrpProto.ActualLRP.Presence.EVACUATING, removed.getActualLrpGroup().getEvacuating().getPresence());

        assertEquals("ActualLRPCreatedEvent", WireEvents.descriptor(ActualLrpCreated.TYPE).getName());
        assertEquals("ActualLRPChangedEvent", WireEvents.descriptor(ActualLrpChanged.TYPE).getName());
        assertEquals("ActualLRPRemovedEvent", WireEvents.descriptor(ActualLrpRemoved.TYPE).getName());
    }

    @Test
    void aRecordWithoutTheAnnotationDecodesThroughItsMessage() throws Exception {
        ActualLrp lrp = running();
        ActualLRPInstanceCreatedEvent created = ActualLRPInstanceCreatedEvent.parseFrom(
                WireCodec.encode(new ActualLrpInstanceCreated(lrp, "t")));
        ActualLrp back = WireCodec.fromMessage(created.getActualLrp(), ActualLrp.class);
        assertEquals(lrp.key(), back.key());
        assertEquals(lrp.netInfo(), back.netInfo());
        assertEquals(ActualLrpState.RUNNING, back.state());
        assertEquals(Presence.ORDINARY, back.presence());
        assertEquals(lrp.modificationTag(), back.modificationTag());
    }

    @Test
    void aTaskWithEveryDefinitionFieldRoundTripsThroughProtobuf() throws Exception {
        Task task = Task.pending(TaskSamples.full(), "t-1", "cf-tasks", 5).start("cell-1", 6);
        byte[] bytes = WireCodec.encode(new TaskResponse(null, task));
        assertArrayEquals(bytes, WireCodec.toMessage(new TaskResponse(null, task)).toByteArray(),
                "the direct writer and the message agree");
        TaskProto.TaskDefinition def = TaskRequestsProto.TaskResponse.parseFrom(bytes).getTask().getTaskDefinition();
        assertEquals(4, def.getEgressRulesCount());
        assertEquals(8, def.getEgressRules(1).getIcmpInfo().getType());
        assertEquals(53, def.getEgressRules(2).getPortRange().getStart());
        assertEquals("c1", def.getCachedDependencies(0).getChecksumValue());
        assertEquals("/etc/cf-system-certificates", def.getTrustedSystemCertificatesPath());
        assertEquals("smbdriver", def.getVolumeMounts(1).getDriver());
        assertEquals("vol-1", def.getVolumeMounts(0).getShared().getVolumeId());
        assertEquals("app-guid", def.getNetwork().getPropertiesOrThrow("policy_group_id"));
        assertEquals("space:s", def.getCertificateProperties().getOrganizationalUnit(1));
        assertEquals("EXCLUSIVE", def.getImageLayers(1).getLayerType().name());
        assertEquals(4096, def.getLogRateLimit().getBytesPerSecond());
        assertEquals("app-guid", def.getMetricTagsOrThrow("source_id").getStatic());
        assertEquals("INSTANCE_GUID", def.getMetricTagsOrThrow("instance").getDynamic().name());
        assertEquals("postgres://x", def.getVolumeMountedFiles(0).getContent());

        Task back = WireCodec.decode(bytes, TaskResponse.class).task();
        assertArrayEquals(bytes, WireCodec.encode(new TaskResponse(null, back)), "nothing lost on the way back");
        TaskDefinition full = task.taskDefinition();
        TaskDefinition got = back.taskDefinition();
        // Protobuf has no null string or enum: absent ones come back as Go's zero values, "" and the
        // invalid zero enum. The action tree is compared through the bytes above for the same reason.
        Map<String, MetricTagValue> zeroFilled = new LinkedHashMap<>();
        zeroFilled.put("source_id", new MetricTagValue("app-guid", MetricTagValue.DynamicValue.DynamicValueInvalid));
        zeroFilled.put("instance", new MetricTagValue("", MetricTagValue.DynamicValue.INSTANCE_GUID));
        assertEquals(zeroFilled, got.metricTags());
        assertEquals(full.toBuilder().action(got.action()).metricTags(zeroFilled).build(), got);
        assertEquals(task.taskGuid(), back.taskGuid());
        assertEquals(task.state(), back.state());
        assertEquals(task.cellId(), back.cellId());

        TaskChanged changed = new TaskChanged(task, task.complete("cell-1", false, "", "ok", 7));
        byte[] event = WireCodec.encode(changed);
        assertArrayEquals(event, WireCodec.encode(WireCodec.decode(event, TaskChanged.class)));
    }

    @Test
    void aDesireTaskRequestFromProtobufKeepsItsEgressRulesValid() {
        // Rules without ports (icmp, all, a port range) must not come back with an empty port list,
        // which the rules refuse: Go decodes no ports as nil.
        DesireTaskRequest desire = new DesireTaskRequest(TaskSamples.full(), "t-1", "cf-tasks");
        DesireTaskRequest back = WireCodec.decode(WireCodec.encode(desire), DesireTaskRequest.class).validate();
        assertEquals(desire.taskDefinition().egressRules(), back.taskDefinition().egressRules());
        assertNull(back.taskDefinition().egressRules().get(3).ports());
        assertEquals(List.of("nfsdriver", "smbdriver"), back.toTask(1).taskDefinition().volumePlacement().driverNames());
    }

    @Test
    void aRuleWithoutPortsDecodesWithNoPortListAsGoDoes() {
        SecurityGroupRule all = WireCodec.fromMessage(SecurityGroupProto.SecurityGroupRule.newBuilder()
                .setProtocol("all").addDestinations("0.0.0.0/0").build(), SecurityGroupRule.class);
        assertNull(all.ports());
        all.validate("egress_rules[0]");
        SecurityGroupRule tcp = WireCodec.fromMessage(SecurityGroupProto.SecurityGroupRule.newBuilder()
                .setProtocol("tcp").addDestinations("10.0.0.1").addPorts(443).build(), SecurityGroupRule.class);
        assertEquals(List.of(443), tcp.ports());
        assertEquals(List.of(), tcp.annotations(), "other lists still read as empty");
    }

    @Test
    void valuesARecordCannotHoldAreInvalidProtobuf() {
        // A uint32 modification index above Integer.MAX_VALUE does not fit the record's int.
        byte[] bytes = ActualLRPInstanceCreatedEvent.newBuilder().setActualLrp(
                org.diego.core.wire.proto.ActualLrpProto.ActualLRP.newBuilder().setState("RUNNING")
                        .setModificationTag(org.diego.core.wire.proto.ModificationTagProto.ModificationTag.newBuilder()
                                .setEpoch("e").setIndex(-1)))
                .build().toByteArray();
        DiegoException e = assertThrows(DiegoException.class,
                () -> WireCodec.decode(bytes, ActualLrpInstanceCreated.class));
        assertEquals(ErrorType.InvalidProtobufMessage, e.type());
        assertTrue(e.getMessage().contains("actual_lrp.modification_tag.index"), e.getMessage());
    }
}
