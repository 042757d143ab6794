/**
 * LRP convergence as a pure function: desired state, actual state, live cells and the time go in;
 * the repairs come out. The EJB timer applies them; tests run it without a database or a clock.
 */
package org.diego.core.convergence;
