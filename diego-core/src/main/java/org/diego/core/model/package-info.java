/**
 * Diego's records (DesiredLRP, ActualLRP, CellPresence, ...) with Diego's JSON field names, their
 * validation, and the ActualLRP state machine as methods that return the next state or refuse.
 */
package org.diego.core.model;
