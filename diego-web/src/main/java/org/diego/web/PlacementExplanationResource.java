package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.Validation;
import org.diego.ejb.auction.PlacementExplanations;

/**
 * {@code POST /v1/actual_lrps/placement_explanation} (not Diego): why the last auction did not place an
 * instance, cell by cell. Body {@code {"process_guid", "index"}}; answer {@code {"explanation": {...}}},
 * or a ResourceNotFound error when the instance has no current explanation (placed, never auctioned,
 * or the explanation expired).
 */
@Path("/v1/actual_lrps/placement_explanation")
public class PlacementExplanationResource {
    @Inject
    PlacementExplanations explanations;

    /** The request: both fields required. */
    record ExplanationRequest(String processGuid, Integer index) {
    }

    @POST
    public Response explain(String body) {
        ExplanationRequest request = Bodies.read(body, ExplanationRequest.class);
        Validation.guid("process_guid", request.processGuid());
        Validation.required("index", request.index());
        Validation.nonNegative("index", request.index());
        String stored = explanations.find(request.processGuid(), request.index())
                .orElseThrow(() -> DiegoException.notFound("no placement explanation for "
                        + request.processGuid() + " index " + request.index()));
        return Bodies.ok("explanation", Json.read(stored, Map.class));
    }
}
