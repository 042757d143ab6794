/**
 * The nsync listener's HTTP API under the {@code /nsync} prefix, with Diego's paths and status codes
 * below it (CC's nsync base URL is {@code http://host:port/nsync}). Bodies are CC's JSON, read and
 * written with {@code org.diego.core.json.Json} as Strings/bytes, so the BBS's wire providers and error
 * mappers (HTTP 200 + error body) never apply here: every outcome is an explicit status.
 */
package org.diego.web.bridge.nsync;
