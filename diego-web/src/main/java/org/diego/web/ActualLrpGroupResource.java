package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.ActualLrpGroupByProcessGuidAndIndexRequest;
import org.diego.core.api.ActualLrpGroupResponse;
import org.diego.core.api.ActualLrpGroupsByProcessGuidRequest;
import org.diego.core.api.ActualLrpGroupsRequest;
import org.diego.core.api.ActualLrpGroupsResponse;
import org.diego.ejb.bbs.ActualLrps;

/** Diego's deprecated {@code /v1/actual_lrp_groups} routes: instances grouped per index. */
@Path("/v1/actual_lrp_groups")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces({MediaType.APPLICATION_JSON, "application/x-protobuf"})
public class ActualLrpGroupResource {
    @Inject
    ActualLrps actuals;

    @POST
    @Path("list")
    public ActualLrpGroupsResponse list(ActualLrpGroupsRequest request) {
        ActualLrpGroupsRequest r = ActualLrpResource.or(request, () -> ActualLrpGroupsRequest.ALL).validate();
        return ActualLrpGroupsResponse.of(actuals.groups(r.domain(), r.cellId()));
    }

    @POST
    @Path("list_by_process_guid")
    public ActualLrpGroupsResponse listByProcessGuid(ActualLrpGroupsByProcessGuidRequest request) {
        ActualLrpGroupsByProcessGuidRequest r = ActualLrpResource.or(request,
                () -> new ActualLrpGroupsByProcessGuidRequest(null)).validate();
        return ActualLrpGroupsResponse.of(actuals.groupsByProcess(r.processGuid()));
    }

    @POST
    @Path("get_by_process_guid_and_index")
    public ActualLrpGroupResponse getByProcessGuidAndIndex(ActualLrpGroupByProcessGuidAndIndexRequest request) {
        ActualLrpGroupByProcessGuidAndIndexRequest r = ActualLrpResource.or(request,
                () -> new ActualLrpGroupByProcessGuidAndIndexRequest(null, 0)).validate();
        return ActualLrpGroupResponse.of(actuals.group(r.processGuid(), r.index()));
    }
}
