/**
 * Nsync inside the cluster: the listener's operations (desire/update, remove, retire an index, CC
 * tasks) on the BBS beans, and the bulker, a role timer that keeps the {@code cf-apps} DesiredLRPs in
 * step with Cloud Controller's bulk API. The recipes and the diff are pure ({@code org.diego.core.bridge.nsync}).
 */
package org.diego.ejb.bridge.nsync;
