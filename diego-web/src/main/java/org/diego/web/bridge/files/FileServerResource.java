package org.diego.web.bridge.files;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.Optional;
import org.diego.ejb.bridge.files.BlobInfo;
import org.diego.ejb.bridge.files.BlobKeys;
import org.diego.ejb.bridge.files.Blobstore;
import org.diego.ejb.bridge.files.LifecycleBundles;

/**
 * Diego's file server, {@code GET /v1/static/<path>}: the lifecycle bundles, then the blobstore's
 * droplets and build caches, streamed a 1 MiB chunk at a time. A matching If-None-Match is 304.
 */
@Path("/file-server/v1/static")
public class FileServerResource {
    private static final String GZIP = "application/gzip";

    @Inject
    Blobstore blobs;

    @GET
    @Path("{path: .+}")
    public Response get(@PathParam("path") String path, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<LifecycleBundles.Bundle> bundle = LifecycleBundles.find(path);
        if (bundle.isPresent()) {
            LifecycleBundles.Bundle b = bundle.get();
            return send(b.md5(), ifNoneMatch, b.bytes().length, GZIP, out -> out.write(b.bytes()));
        }
        Optional<BlobInfo> blob = BlobKeys.ofPath(path).flatMap(blobs::info);
        if (blob.isEmpty()) {
            return Response.status(404).build();
        }
        BlobInfo info = blob.get();
        return send(info.md5(), ifNoneMatch, info.size(), info.contentType(), out -> {
            for (int i = 0; i < info.chunkCount(); i++) {
                byte[] chunk = blobs.chunk(info.key(), i);
                if (chunk == null) {
                    // Replaced or deleted mid-stream: cut the response short rather than mix two blobs.
                    throw new IOException("blob " + info.key() + " changed while being served");
                }
                out.write(chunk);
            }
        });
    }

    private static Response send(String md5, String ifNoneMatch, long length, String type, StreamingOutput body) {
        String etag = "\"" + md5 + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.contains(md5))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(body, type).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_LENGTH, length).build();
    }
}
