/** Injected sources of time and identity, so TTLs, back-offs and GUIDs are testable without sleeping. */
package org.diego.core.time;
