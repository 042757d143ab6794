/** Server-Sent Event streams of BBS events, fed by the cluster-wide event hub. */
package org.diego.web.events;
