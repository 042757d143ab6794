/**
 * The JMS contracts between the cluster and its cells: destination names, the {@code diego_type}
 * property naming each message kind, and one record per message body (JSON text messages).
 */
package org.diego.core.messages;
