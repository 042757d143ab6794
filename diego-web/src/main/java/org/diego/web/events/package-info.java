/**
 * Server-Sent Event streams of BBS events (Diego's instance, task and deprecated group streams), fed by
 * the cluster-wide event hub.
 */
package org.diego.web.events;
