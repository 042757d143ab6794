package org.diego.core.bridge.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.diego.core.json.Json;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.junit.jupiter.api.Test;

/** The bridge's outbound shapes, byte for byte as CC reads them. */
class MessagesJsonTest {

    @Test
    void crashedOmitsAZeroExitStatusAndAnEmptyDescription() {
        assertEquals("{\"instance\":\"i\",\"index\":1,\"cell_id\":\"c\",\"reason\":\"CRASHED\",\"crash_count\":2,"
                        + "\"crash_timestamp\":5}",
                Json.write(new AppCrashedRequest("i", 1, "c", "CRASHED", 0, "", 2, 5)));
        assertEquals("{\"instance\":\"i\",\"index\":1,\"cell_id\":\"c\",\"reason\":\"CRASHED\","
                        + "\"exit_description\":\"boom\",\"crash_count\":2,\"crash_timestamp\":5}",
                Json.write(new AppCrashedRequest("i", 1, "c", "CRASHED", 0, "boom", 2, 5)));
    }

    @Test
    void reschedulingAndReadiness() {
        assertEquals("{\"instance\":\"i\",\"index\":0,\"cell_id\":\"c\",\"reason\":\"r\"}",
                Json.write(new AppReschedulingRequest("i", 0, "c", "r")));
        assertEquals("{\"instance\":\"i\",\"index\":0,\"cell_id\":\"c\",\"ready\":true}",
                Json.write(new AppReadinessChangedRequest("i", 0, "c", true)));
    }

    @Test
    void lrpInstanceOmitsUnknownDetailsHostPortAndStats() {
        LrpInstance i = new LrpInstance("p", "g", 0, LrpInstanceState.STARTING, "", null, 0,
                new NetInfo("10.0.0.1", List.of(new PortMapping(8080, 61000)), "10.1.0.1"), 3, 100, null);
        String json = Json.write(i);
        assertEquals("{\"process_guid\":\"p\",\"instance_guid\":\"g\",\"index\":0,\"state\":\"STARTING\","
                + "\"net_info\":{\"address\":\"10.0.0.1\",\"ports\":[{\"container_port\":8080,\"host_port\":61000,"
                + "\"container_tls_proxy_port\":0,\"host_tls_proxy_port\":0}],\"instance_address\":\"10.1.0.1\","
                + "\"preferred_address\":\"UNKNOWN\",\"instance_ipv6_address\":\"\"},\"uptime\":3,\"since\":100}", json);
        String withStats = Json.write(i.withStats("10.0.0.1", 61000, new LrpInstanceStats("2026-01-01T00:00:00Z", 0.5, 10, 20)));
        assertEquals(true, withStats.contains("\"host\":\"10.0.0.1\",\"port\":61000"), withStats);
        assertEquals(true, withStats.contains("\"stats\":{\"time\":\"2026-01-01T00:00:00Z\",\"cpu\":0.5,\"mem\":10,\"disk\":20}"),
                withStats);
    }

    @Test
    void fingerprintPagesReadCcsShape() {
        FingerprintsResponse r = Json.read("{\"fingerprints\": [{\"process_guid\": \"a\", \"etag\": \"1\"}],"
                + " \"token\": {\"id\": 7}}", FingerprintsResponse.class);
        assertEquals(List.of(new DesiredAppFingerprint("a", "1")), r.fingerprints());
        assertEquals(7, r.token().get("id").asInt());
        DesiredAppsResponse apps = Json.read("{\"apps\": [{\"process_guid\": \"a\", \"droplet_uri\": \"http://d\"}]}",
                DesiredAppsResponse.class);
        assertEquals("a", apps.apps().get(0).processGuid());
    }
}
