package org.diego.core.messages;

import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * The text form of a start request on the data grid's auction queue: its {@code diego_type} wire name,
 * a newline, then the same JSON body the JMS message carried. Text, so the grid needs no application
 * class; the type in front, so the auctioneer tells LRP and task requests apart without parsing twice.
 */
public final class AuctionRequestCodec {
    private AuctionRequestCodec() {
    }

    /** An {@link AuctionRequest} or a {@link TaskAuctionRequest}; anything else is a programming error. */
    public static String encode(Object request) {
        return typeOf(request).wireName() + "\n" + Json.write(request);
    }

    /** The request {@code text} holds; InvalidRequest for text that is not one (logged and dropped by the caller). */
    public static Object decode(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        if (newline < 0) {
            throw new DiegoException(ErrorType.InvalidRequest, "not an auction request: no type line");
        }
        String type = text.substring(0, newline);
        String body = text.substring(newline + 1);
        if (MessageType.AUCTION_REQUEST.wireName().equals(type)) {
            return Json.read(body, AuctionRequest.class);
        }
        if (MessageType.TASK_AUCTION_REQUEST.wireName().equals(type)) {
            return Json.read(body, TaskAuctionRequest.class);
        }
        throw new DiegoException(ErrorType.InvalidRequest, "not an auction request: type " + type);
    }

    /** The message kind of a start request; IllegalArgumentException for any other body. */
    public static MessageType typeOf(Object request) {
        if (request instanceof AuctionRequest) {
            return MessageType.AUCTION_REQUEST;
        }
        if (request instanceof TaskAuctionRequest) {
            return MessageType.TASK_AUCTION_REQUEST;
        }
        throw new IllegalArgumentException("not an auction request: "
                + (request == null ? "null" : request.getClass().getName()));
    }
}
