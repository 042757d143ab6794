/**
 * The stager: turns Cloud Controller's staging requests into staging Tasks through the BBS's own
 * {@code Tasks} bean, cancels them, and relays each staging Task's completion to CC's callback. It
 * keeps no state of its own: CC's callback URL and the lifecycle travel in the Task's annotation.
 */
package org.diego.ejb.bridge.staging;
