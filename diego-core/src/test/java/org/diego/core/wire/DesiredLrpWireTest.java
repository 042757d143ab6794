package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diego.core.api.DesiredLRPResponse;
import java.util.List;
import org.diego.core.model.Action;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.RunAction;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.UpdateStrategy;
import org.junit.jupiter.api.Test;

/** A desired LRP crosses the protobuf boundary both ways with every field, enums included. */
class DesiredLrpWireTest {
    @Test
    void aFullDesiredLrpRoundTripsThroughProtobufBytes() {
        DesiredLrp lrp = DesiredLrp.builder().processGuid("web-app_1").domain("cf-apps")
                .rootfs("preloaded:cflinuxfs4").instances(3).memoryMb(512).diskMb(1024).maxPids(1024)
                .env(List.of(new EnvironmentVariable("PORT", "8080")))
                .action(new Action(new RunAction("/home/vcap/app/start", List.of("-p", "8080"), "/home/vcap",
                        List.of(new EnvironmentVariable("LANG", "C")), "vcap")))
                .startTimeoutMs(60_000L).ports(List.of(8080, 2222)).placementTags(List.of("isolated", "gpu"))
                .annotation("etag=x").modificationTag(new ModificationTag("ep", 4))
                .updateStrategy(UpdateStrategy.RECREATE).build();
        DesiredLRPResponse response = new DesiredLRPResponse(null, lrp);
        byte[] bytes = WireCodec.encode(response);
        DesiredLRPResponse back = WireCodec.decode(bytes, DesiredLRPResponse.class);
        // Protobuf has no null strings: absent ones come back "", so compare what goes on the wire.
        assertArrayEquals(bytes, WireCodec.encode(back));
        assertEquals(UpdateStrategy.RECREATE, back.desiredLrp().updateStrategy());
        assertEquals(lrp.action().run().path(), back.desiredLrp().action().run().path());
        assertEquals(lrp.action().run().args(), back.desiredLrp().action().run().args());
        assertEquals(lrp.ports(), back.desiredLrp().ports());
    }

    @Test
    void updateStrategyReadsDiegosNumberAndTheBridgesName() {
        assertEquals(UpdateStrategy.RECREATE, UpdateStrategy.read(1));
        assertEquals(UpdateStrategy.RECREATE, UpdateStrategy.read("RECREATE"));
    }
}
