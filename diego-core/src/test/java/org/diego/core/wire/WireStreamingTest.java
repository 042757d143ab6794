package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.api.ActualLrpGroupsResponse;
import org.diego.core.api.ActualLrpsByProcessGuidsResponse;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.api.CellsResponse;
import org.diego.core.api.DesiredLRPSchedulingInfosResponse;
import org.diego.core.api.DesiredLRPsResponse;
import org.diego.core.api.DomainsResponse;
import org.diego.core.api.TasksResponse;
import org.diego.core.json.Json;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.RunAction;
import org.diego.core.model.Task;
import org.diego.core.model.TaskSamples;
import org.junit.jupiter.api.Test;

/**
 * The streaming protobuf writer ({@link WireCodec#encode(Object, java.io.OutputStream)}) produces exactly
 * the bytes of the whole-tree encoder on generated listings, and the list responses do stream.
 */
class WireStreamingTest {
    private static final DiegoError ERROR = new DiegoError(ErrorType.ResourceNotFound, "the request's resource: ✗");

    private static byte[] streamed(Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireCodec.encode(record, out);
        return out.toByteArray();
    }

    private static void sameBytes(Object record) throws IOException {
        byte[] whole = WireCodec.encode(record);
        assertArrayEquals(whole, streamed(record), record.getClass().getSimpleName());
    }

    @Test
    void actualLrpListingsEncodeToTheSameBytes() throws IOException {
        List<ActualLrp> varied = ListingSamples.varied(3_000);
        assertTrue(WireCodec.encode(ActualLrpsResponse.of(varied)).length > 2 * ProtoWriter.FLUSH_AT,
                "large enough to be flushed several times");
        sameBytes(ActualLrpsResponse.of(varied));
        sameBytes(ActualLrpsResponse.of(ListingSamples.running(2_000)));
        sameBytes(new ActualLrpsResponse(ERROR, varied.subList(0, 50)));
        sameBytes(new ActualLrpsResponse(ERROR, List.of()));
        sameBytes(new ActualLrpsResponse(null, null));
        sameBytes(ActualLrpsResponse.of(List.of()));
        sameBytes(new ActualLrpsByProcessGuidsResponse(null, varied.subList(100, 400)));
    }

    @Test
    void otherListingsEncodeToTheSameBytes() throws IOException {
        List<ActualLrp> varied = ListingSamples.varied(700);
        sameBytes(ActualLrpGroupsResponse.of(ActualLrpGroup.resolveAll(varied)));
        List<DesiredLrp> desired = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            desired.add(DesiredLrp.builder().processGuid("web-" + i).domain("cf-apps").rootfs("preloaded:cflinuxfs4")
                    .instances(i % 5).memoryMb(512).diskMb(1024).env(List.of(new EnvironmentVariable("I", "" + i)))
                    .action(new Action(new RunAction("/bin/start", List.of("-p", "8080"), "/home/vcap", List.of(), "vcap")))
                    .ports(List.of(8080)).placementTags(i % 2 == 0 ? List.of("a") : List.of())
                    .modificationTag(new ModificationTag("ep", i)).build());
        }
        sameBytes(DesiredLRPsResponse.of(desired));
        sameBytes(new DesiredLRPSchedulingInfosResponse(null, desired.stream().map(DesiredLrp::schedulingInfo).toList()));
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tasks.add(Task.pending(i % 2 == 0 ? TaskSamples.full() : TaskSamples.definition(), "task-" + i, "d", 7L + i));
        }
        sameBytes(new TasksResponse(null, tasks));
        sameBytes(new TasksResponse(ERROR, List.of()));
        sameBytes(new DomainsResponse(null, List.of("cf-apps", "cf-tasks")));
        sameBytes(new CellsResponse(null, List.of(new CellPresence("cell-1", "http://10.0.0.1:1800", "z1",
                new CellPresence.CellCapacity(8192, 32768, 250),
                List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4"))), List.of("a"), List.of(),
                "https://cell-1:1801"))));
    }

    @Test
    void listResponsesAreStreamedPerElement() {
        for (Object r : List.of(ActualLrpsResponse.of(List.of()), new ActualLrpsByProcessGuidsResponse(null, List.of()),
                ActualLrpGroupsResponse.of(List.of()), DesiredLRPsResponse.of(List.of()), new TasksResponse(null, List.of()))) {
            assertNotNull(Json.topLevel(r), r.getClass().getSimpleName() + " takes the streaming path");
        }
        assertTrue(ProtoWriter.streamsElements(WireCodec.descriptor(ActualLrpsResponse.class), "actual_lrps"));
        assertEquals(false, ProtoWriter.streamsElements(WireCodec.descriptor(DomainsResponse.class), "domains"));
    }

    @Test
    void recordsWithJacksonAnnotationsFallBackToTheWholeTree() {
        assertNull(Json.topLevel(Task.pending(TaskSamples.definition(), "t", "d", 1L)), "@JsonUnwrapped definition");
        assertNull(Json.topLevel(new CellPresence("c", "a", "z", new CellPresence.CellCapacity(1, 1, 1), List.of(),
                List.of(), List.of(), "u")), "@JsonProperty rootfs_provider_list");
    }
}
