package org.diego.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.diego.core.model.Validation;
import org.diego.ejb.bbs.DesiredLrps;

/** Diego's DesiredLRP routes. */
@Path("/v1")
public class DesiredLrpResource {
    @Inject
    DesiredLrps desired;

    @POST
    @Path("desired_lrp/desire.r2")
    public Response desire(String body) {
        Requests.DesireLrp request = Bodies.read(body, Requests.DesireLrp.class);
        Validation.required("desired_lrp", request.desiredLrp());
        desired.desire(request.desiredLrp());
        return Bodies.empty();
    }

    @POST
    @Path("desired_lrp/remove")
    public Response remove(String body) {
        Requests.ByProcessGuid request = Bodies.read(body, Requests.ByProcessGuid.class);
        Validation.guid("process_guid", request.processGuid());
        desired.remove(request.processGuid());
        return Bodies.empty();
    }

    @POST
    @Path("desired_lrps/list.r3")
    public Response list(String body) {
        return Bodies.ok("desired_lrps", desired.list(Bodies.read(body, Requests.DesiredLrps.class).domain()));
    }

    @POST
    @Path("desired_lrps/get_by_process_guid.r3")
    public Response get(String body) {
        Requests.ByProcessGuid request = Bodies.read(body, Requests.ByProcessGuid.class);
        Validation.guid("process_guid", request.processGuid());
        return Bodies.ok("desired_lrp", desired.get(request.processGuid()));
    }

    @POST
    @Path("desired_lrp_scheduling_infos/list")
    public Response schedulingInfos(String body) {
        return Bodies.ok("desired_lrp_scheduling_infos", desired.schedulingInfos());
    }
}
