/**
 * ActualLRP lifecycle decisions as pure functions: given every row of one index and a request, the
 * row writes to make, the events they raise and the follow-up (auction, stop on a cell). The EJB layer
 * locks the rows, asks here, applies the writes in the same transaction and publishes the events.
 */
package org.diego.core.lifecycle;
