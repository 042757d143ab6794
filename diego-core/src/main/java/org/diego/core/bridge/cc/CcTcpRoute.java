package org.diego.core.bridge.cc;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One TCP route of an app as CC sends it. */
public record CcTcpRoute(String routerGroupGuid,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int externalPort,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int containerPort) {
}
