package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.diego.core.api.DesireLRPRequest;
import org.diego.core.api.DesiredLRPByProcessGuidRequest;
import org.diego.core.api.DesiredLRPLifecycleResponse;
import org.diego.core.api.DesiredLRPResponse;
import org.diego.core.api.DesiredLRPSchedulingInfoByProcessGuidResponse;
import org.diego.core.api.DesiredLRPSchedulingInfosResponse;
import org.diego.core.api.DesiredLRPsRequest;
import org.diego.core.api.DesiredLRPsResponse;
import org.diego.core.api.RemoveDesiredLRPRequest;
import org.diego.core.api.UpdateDesiredLRPRequest;
import org.diego.core.model.DesiredLrp;
import org.diego.ejb.bbs.DesireBatcher;
import org.diego.ejb.bbs.DesiredLrps;

/**
 * Diego's DesiredLRP routes. Refusals are thrown and reach the client as {@code {"error": ...}}; an
 * absent body reads as the empty message, so list routes without a body list everything and the
 * others refuse naming the missing field. The .r2 reads differ from .r3 only by down-converting
 * image layers, as Diego's do.
 */
@Path("/v1")
@Consumes({MediaType.APPLICATION_JSON, "application/x-protobuf"})
@Produces({MediaType.APPLICATION_JSON, "application/x-protobuf"})
public class DesiredLrpResource {
    @Inject
    DesiredLrps desired;
    @Inject
    DesireBatcher batcher;

    @POST
    @Path("desired_lrp/desire.r2")
    public DesiredLRPLifecycleResponse desire(DesireLRPRequest r) {
        DesireLRPRequest request = r == null ? new DesireLRPRequest(null) : r;
        batcher.desire(request.validate().desiredLrp());
        return DesiredLRPLifecycleResponse.OK;
    }

    @POST
    @Path("desired_lrp/update")
    public DesiredLRPLifecycleResponse update(UpdateDesiredLRPRequest r) {
        UpdateDesiredLRPRequest request = (r == null ? new UpdateDesiredLRPRequest(null, null) : r).validate();
        desired.update(request.processGuid(), request.update());
        return DesiredLRPLifecycleResponse.OK;
    }

    @POST
    @Path("desired_lrp/remove")
    public DesiredLRPLifecycleResponse remove(RemoveDesiredLRPRequest r) {
        desired.remove((r == null ? new RemoveDesiredLRPRequest(null) : r).validate().processGuid());
        return DesiredLRPLifecycleResponse.OK;
    }

    @POST
    @Path("desired_lrps/list.r3")
    public DesiredLRPsResponse list(DesiredLRPsRequest r) {
        return DesiredLRPsResponse.of(desired.list(filter(r)));
    }

    @POST
    @Path("desired_lrps/list.r2")
    public DesiredLRPsResponse listR2(DesiredLRPsRequest r) {
        return DesiredLRPsResponse.of(desired.list(filter(r)).stream().map(DesiredLrp::versionDownToV2).toList());
    }

    @POST
    @Path("desired_lrps/get_by_process_guid.r3")
    public DesiredLRPResponse get(DesiredLRPByProcessGuidRequest r) {
        return DesiredLRPResponse.of(desired.get(processGuid(r)));
    }

    @POST
    @Path("desired_lrps/get_by_process_guid.r2")
    public DesiredLRPResponse getR2(DesiredLRPByProcessGuidRequest r) {
        return DesiredLRPResponse.of(desired.get(processGuid(r)).versionDownToV2());
    }

    @POST
    @Path("desired_lrp_scheduling_infos/list")
    public DesiredLRPSchedulingInfosResponse schedulingInfos(DesiredLRPsRequest r) {
        return DesiredLRPSchedulingInfosResponse.of(desired.schedulingInfos(filter(r)));
    }

    @POST
    @Path("desired_lrp_scheduling_infos/get_by_process_guid")
    public DesiredLRPSchedulingInfoByProcessGuidResponse schedulingInfo(DesiredLRPByProcessGuidRequest r) {
        return DesiredLRPSchedulingInfoByProcessGuidResponse.of(desired.schedulingInfo(processGuid(r)));
    }

    /** Answers DesiredLRPs that hold only key, instances, routes, modification tag and metric tags. */
    @POST
    @Path("desired_lrp_routing_infos/list")
    public DesiredLRPsResponse routingInfos(DesiredLRPsRequest r) {
        return DesiredLRPsResponse.of(desired.routingInfos(filter(r)));
    }

    private static DesiredLRPsRequest filter(DesiredLRPsRequest r) {
        return (r == null ? DesiredLRPsRequest.ALL : r).validate();
    }

    private static String processGuid(DesiredLRPByProcessGuidRequest r) {
        return (r == null ? new DesiredLRPByProcessGuidRequest(null) : r).validate().processGuid();
    }
}
