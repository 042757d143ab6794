package org.diego.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.junit.jupiter.api.Test;

/** Start requests survive the grid queue's text form, typed, with the JMS body unchanged. */
class AuctionRequestCodecTest {
    private static final AuctionRequest LRP = new AuctionRequest("pg-1", "cf-apps", List.of(0, 2, 5));
    private static final TaskAuctionRequest TASK = new TaskAuctionRequest("task-1", "cf-tasks", 256, 1024,
            "preloaded:cflinuxfs4", List.of("tag"), List.of("nfs"));

    @Test
    void roundTripsBothKinds() {
        assertEquals(LRP, AuctionRequestCodec.decode(AuctionRequestCodec.encode(LRP)));
        assertEquals(TASK, AuctionRequestCodec.decode(AuctionRequestCodec.encode(TASK)));
    }

    @Test
    void bodyIsTheJmsMessageBodyAfterTheTypeLine() {
        assertEquals("auction_request\n" + Json.write(LRP), AuctionRequestCodec.encode(LRP));
        assertTrue(AuctionRequestCodec.encode(TASK).startsWith("task_auction_request\n{"));
    }

    @Test
    void refusesOtherBodiesAndUnreadableText() {
        assertThrows(IllegalArgumentException.class, () -> AuctionRequestCodec.encode(new CancelTask("t")));
        assertThrows(IllegalArgumentException.class, () -> AuctionRequestCodec.encode(null));
        assertThrows(DiegoException.class, () -> AuctionRequestCodec.decode("auction_request"));
        assertThrows(DiegoException.class, () -> AuctionRequestCodec.decode("cancel_task\n{}"));
        assertThrows(DiegoException.class, () -> AuctionRequestCodec.decode("auction_request\n{not json"));
        assertThrows(DiegoException.class, () -> AuctionRequestCodec.decode(null));
    }
}
