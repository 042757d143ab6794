package org.diego.web.bridge.uploader;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.function.Supplier;
import org.diego.core.model.DiegoException;
import org.diego.ejb.bridge.files.CcUploadClient;
import org.diego.ejb.bridge.files.CcUploader;

/** Diego's cc-uploader routes: 201 when CC has the file, CC's status when it refused, 400 for a bad query. */
@Path("/cc-uploader/v1")
@Consumes(MediaType.WILDCARD)
public class UploaderResource {
    @Inject
    CcUploader uploader;

    @POST
    @Path("droplet/{guid}")
    public Response droplet(@PathParam("guid") String guid, @QueryParam(CcUploader.DROPLET_URI_KEY) String ccUri,
                            @QueryParam("timeout") String timeout, @HeaderParam("Content-MD5") String md5, InputStream body) {
        return answer(() -> uploader.droplet(guid, ccUri, timeout, md5, body));
    }

    @POST
    @Path("build_artifacts/{app_guid}")
    public Response buildArtifacts(@PathParam("app_guid") String appGuid,
                                   @QueryParam(CcUploader.BUILD_ARTIFACTS_URI_KEY) String ccUri,
                                   @QueryParam("timeout") String timeout, @HeaderParam("Content-MD5") String md5,
                                   InputStream body) {
        return answer(() -> uploader.buildArtifacts(appGuid, ccUri, timeout, md5, body));
    }

    private static Response answer(Supplier<CcUploadClient.Outcome> upload) {
        try {
            CcUploadClient.Outcome o = upload.get();
            return Response.status(o.status()).type(MediaType.TEXT_PLAIN).entity(o.message()).build();
        } catch (DiegoException e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
    }
}
