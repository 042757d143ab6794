package org.diego.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diego.core.wire.proto.ActionsProto.Action;
import org.diego.core.wire.proto.ActionsProto.RunAction;
import org.diego.core.wire.proto.ActualLrpProto.ActualLRP;
import org.diego.core.wire.proto.ActualLrpRequestsProto.ActualLRPsRequest;
import org.diego.core.wire.proto.ActualLrpRequestsProto.ActualLRPsResponse;
import org.diego.core.wire.proto.DesiredLrpProto.DesiredLRP;
import org.diego.core.wire.proto.DesiredLrpRequestsProto.DesireLRPRequest;
import org.diego.core.wire.proto.DesiredLrpRequestsProto.DesiredLRPByProcessGuidRequest;
import org.diego.core.wire.proto.DesiredLrpRequestsProto.DesiredLRPLifecycleResponse;
import org.diego.core.wire.proto.DesiredLrpRequestsProto.DesiredLRPResponse;
import org.diego.core.wire.proto.DesiredLrpRequestsProto.RemoveDesiredLRPRequest;
import org.diego.core.wire.proto.ErrorProto.Error;
import org.diego.core.wire.proto.EventsProto.ActualLRPInstanceCreatedEvent;
import org.diego.core.wire.proto.EventsProto.EventsByCellId;
import org.junit.jupiter.api.Test;

/**
 * Diego's own wire format against the real cluster: requests encoded with the generated classes of
 * the project's schema (what a client generated from Diego's .proto files sends), answers decoded the
 * same way, refusals as an {@code Error} in field 1, and SSE data as base64 protobuf events.
 */
class ProtobufWireSystemIT {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void desireListGetAndRemoveInProtobuf() throws Exception {
        List<String> apis = Cluster.apis();
        String guid = "proto-" + System.nanoTime();
        DesiredLRP lrp = DesiredLRP.newBuilder().setProcessGuid(guid).setDomain("proto").setRootFs("preloaded:cflinuxfs4")
                .setInstances(2).setMemoryMb(64).setDiskMb(64)
                .setAction(Action.newBuilder().setRunAction(RunAction.newBuilder().setPath("/bin/sh")
                        .addArgs("-c").addArgs("sleep 600").setUser("vcap")))
                .build();
        DesiredLRPLifecycleResponse desired = DesiredLRPLifecycleResponse.parseFrom(
                post(apis.get(0), "/v1/desired_lrp/desire.r2", DesireLRPRequest.newBuilder().setDesiredLrp(lrp).build().toByteArray()));
        assertFalse(desired.hasError(), desired.toString());
        try {
            DesiredLRPResponse got = DesiredLRPResponse.parseFrom(post(apis.get(1), "/v1/desired_lrps/get_by_process_guid.r3",
                    DesiredLRPByProcessGuidRequest.newBuilder().setProcessGuid(guid).build().toByteArray()));
            assertEquals(guid, got.getDesiredLrp().getProcessGuid());
            assertEquals("/bin/sh", got.getDesiredLrp().getAction().getRunAction().getPath());
            assertEquals(2, got.getDesiredLrp().getInstances());

            ActualLRPsResponse actuals = ActualLRPsResponse.parseFrom(post(apis.get(1), "/v1/actual_lrps/list",
                    ActualLRPsRequest.newBuilder().setProcessGuid(guid).build().toByteArray()));
            assertEquals(2, actuals.getActualLrpsCount(), actuals.toString());
            for (ActualLRP a : actuals.getActualLrpsList()) {
                assertEquals(guid, a.getActualLrpKey().getProcessGuid());
                assertEquals("proto", a.getActualLrpKey().getDomain());
            }
            ActualLRPsResponse one = ActualLRPsResponse.parseFrom(post(apis.get(0), "/v1/actual_lrps/list",
                    ActualLRPsRequest.newBuilder().setProcessGuid(guid).setIndex(1).build().toByteArray()));
            assertEquals(1, one.getActualLrpsCount());
            assertEquals(1, one.getActualLrps(0).getActualLrpKey().getIndex());
        } finally {
            post(apis.get(0), "/v1/desired_lrp/remove", RemoveDesiredLRPRequest.newBuilder().setProcessGuid(guid).build().toByteArray());
        }
    }

    @Test
    void refusalsComeBackAsAnErrorInFieldOne() throws Exception {
        String api = Cluster.apis().get(0);
        DesiredLRPLifecycleResponse invalid = DesiredLRPLifecycleResponse.parseFrom(post(api, "/v1/desired_lrp/desire.r2",
                DesireLRPRequest.newBuilder().setDesiredLrp(DesiredLRP.newBuilder().setProcessGuid("bad guid!")).build().toByteArray()));
        assertEquals(Error.Type.InvalidRequest, invalid.getError().getType());
        assertTrue(invalid.getError().getMessage().contains("process_guid"), invalid.getError().getMessage());

        DesiredLRPLifecycleResponse garbage = DesiredLRPLifecycleResponse.parseFrom(post(api, "/v1/desired_lrp/desire.r2",
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        assertEquals(Error.Type.InvalidProtobufMessage, garbage.getError().getType(), garbage.toString());

        DesiredLRPResponse missing = DesiredLRPResponse.parseFrom(post(api, "/v1/desired_lrps/get_by_process_guid.r3",
                DesiredLRPByProcessGuidRequest.newBuilder().setProcessGuid("no-such-lrp-" + System.nanoTime()).build().toByteArray()));
        assertEquals(Error.Type.ResourceNotFound, missing.getError().getType());
    }

    @Test
    void eventDataIsBase64ProtobufForAProtobufSubscriber() throws Exception {
        List<String> apis = Cluster.apis();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(apis.get(1) + "/v1/events/lrp_instances.r1"))
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventsByCellId.getDefaultInstance().toByteArray())).build();
        HttpResponse<InputStream> stream = HTTP.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
        String guid = "proto-events-" + System.nanoTime();
        CompletableFuture<ActualLRPInstanceCreatedEvent> created = CompletableFuture.supplyAsync(() -> firstCreated(stream.body(), guid));
        try {
            Cluster.post(apis.get(0), "/v1/desired_lrp/desire.r2", Lrps.desireBody(guid, 1)).assertOk();
            ActualLRPInstanceCreatedEvent event = created.get(30, TimeUnit.SECONDS);
            assertEquals(0, event.getActualLrp().getActualLrpKey().getIndex());
            assertEquals("UNCLAIMED", event.getActualLrp().getState());
        } finally {
            Cluster.post(apis.get(0), "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            stream.body().close();
        }
    }

    private static ActualLRPInstanceCreatedEvent firstCreated(InputStream body, String guid) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:") && "actual_lrp_instance_created".equals(name)) {
                    ActualLRPInstanceCreatedEvent e = ActualLRPInstanceCreatedEvent.parseFrom(
                            Base64.getDecoder().decode(line.substring(5).trim()));
                    if (e.getActualLrp().getActualLrpKey().getProcessGuid().equals(guid)) {
                        return e;
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("event data is not base64 protobuf", e);
        } catch (java.io.IOException e) {
            throw new AssertionError("stream closed before the event", e);
        }
        throw new AssertionError("stream ended before the event");
    }

    private static byte[] post(String api, String path, byte[] body) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Content-Type", PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(PROTOBUF, r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return r.body();
    }
}
