/**
 * JMS on OpenMQ: the listener for cell requests on {@code diego.bbs} (competing consumers across the
 * deployment group, replies on the sender's temporary queue) and the sender for cell queues; start
 * requests for the auctioneer go after commit to a data grid queue ({@link org.diego.ejb.messaging.AuctionRequests}).
 */
package org.diego.ejb.messaging;
