/**
 * Diego's pure domain: models, state machines, placement and convergence algorithms, and the
 * message contracts between the cluster and its cells. Nothing here does I/O or imports
 * {@code jakarta.*}; the EJB module and the cell agent both build on it.
 */
package org.diego.core;
