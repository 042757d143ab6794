package org.diego.web.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.diego.core.bridge.staging.StagingRequestFromCC;
import org.diego.core.bridge.staging.UnknownLifecycleException;
import org.diego.ejb.bridge.staging.Stager;
import org.junit.jupiter.api.Test;

/** The stager's status codes, with the bean replaced by one that only validates. */
class StagingResourceTest {
    private final StagingResource resource = new StagingResource();

    StagingResourceTest() {
        resource.stager = new Stager() {
            @Override
            public void stage(String guid, byte[] body) {
                StagingRequestFromCC.parse(body).validate();
            }

            @Override
            public boolean stop(String guid) {
                return guid.equals("known");
            }
        };
    }

    private Response put(String json) {
        return resource.stage("g", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapsRefusalsToDiegosStatuses() {
        String ok = """
                {"app_id": "a", "lifecycle": "docker", "lifecycle_data": {"docker_image": "/img"}}""";
        assertEquals(202, put(ok).getStatus());
        assertEquals(404, put(ok.replace("docker\",", "cnb\",")).getStatus());
        assertEquals(400, put("{nope").getStatus());
        Response missing = put(ok.replace("\"/img\"", "\"\""));
        assertEquals(500, missing.getStatus());
        String body = (String) missing.getEntity();
        assertTrue(body.contains("\"id\":\"StagingError\"") && body.contains("lifecycle_data.docker_image"), body);
        assertEquals(202, resource.stop("known").getStatus());
        assertEquals(404, resource.stop("unknown").getStatus());
        assertTrue(new UnknownLifecycleException("x").getMessage().contains("\"x\""));
    }
}
