/** The TPS listener's HTTP API under the {@code /tps} prefix, with Diego's paths and status codes below it. */
package org.diego.web.bridge.tps;
