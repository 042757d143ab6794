package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One HTTP route of an app as CC sends it; port 0 means the app's first port. */
public record CcHttpRoute(String hostname,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) String routeServiceUrl,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) int port) {
}
