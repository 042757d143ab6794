/**
 * Coordination of concurrent callers without a container: {@link org.diego.core.concurrency.GroupCommit}
 * lets writes that arrive together share one transaction.
 */
package org.diego.core.concurrency;
