/**
 * JMS on OpenMQ: the listener for cell requests on {@code diego.bbs} (competing consumers across the
 * deployment group, replies on the sender's temporary queue) and the sender for cell and auction queues.
 */
package org.diego.ejb.messaging;
