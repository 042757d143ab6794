/**
 * Cloud Controller's messages to and from the CC-Bridge (nsync and TPS), with CC's JSON names as in
 * Diego's {@code runtime-schema/cc_messages}: a Cloud Controller written for Diego talks to this
 * bridge unchanged. Records only, plus the checks that name the bad field; the recipe logic lives in
 * {@code org.diego.core.bridge.nsync}.
 */
package org.diego.core.bridge.cc;
