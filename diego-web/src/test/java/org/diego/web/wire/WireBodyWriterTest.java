package org.diego.web.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.diego.core.api.ActualLrpsResponse;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DiegoError;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.junit.jupiter.api.Test;

/** The streaming writer's bodies are byte for byte those of the whole-body encoders, in both formats. */
class WireBodyWriterTest {
    private static List<ActualLrp> listing(int count) {
        List<ActualLrp> lrps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InstanceKey owner = new InstanceKey("ig-" + i, "cell-" + (i % 10));
            ActualLrp unclaimed = ActualLrp.unclaimed(new ActualLrpKey("pg-" + (i / 3) + (i % 11 == 0 ? "-é✓" : ""),
                    i % 3, "cf-apps"), 1L + i, "ep");
            lrps.add(i % 4 == 0 ? unclaimed.failPlacement("no cell: " + "m".repeat(i % 200))
                    : unclaimed.claim(owner, 2L).start(owner, new NetInfo("10.0.0." + (i % 250),
                    List.of(new PortMapping(8080, 61000 + i % 1000)), "10.1.0." + (i % 250)), 3L + i));
        }
        return lrps;
    }

    private static byte[] written(Object entity, MediaType type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WireBodyWriter().writeTo(entity, entity.getClass(), entity.getClass(), new java.lang.annotation.Annotation[0],
                type, null, out);
        return out.toByteArray();
    }

    @Test
    void bothFormatsMatchTheWholeBodyEncoders() throws IOException {
        for (ActualLrpsResponse r : List.of(ActualLrpsResponse.of(listing(5_000)), ActualLrpsResponse.of(List.of()),
                new ActualLrpsResponse(new DiegoError(ErrorType.InvalidRequest, "bad"), listing(3)))) {
            assertArrayEquals(Json.write(r).getBytes(StandardCharsets.UTF_8), written(r, MediaType.APPLICATION_JSON_TYPE));
            assertArrayEquals(org.diego.core.wire.WireCodec.encode(r), written(r, WireMediaTypes.PROTOBUF_TYPE));
        }
    }
}
