package org.diego.core.messages;

/** Physical JMS destination names, shared by the EAR and the cell agents. */
public final class Destinations {
    /** Cells to cluster: heartbeats and ActualLRP lifecycle requests (competing consumers across instances). */
    public static final String BBS_QUEUE = "diego.bbs";
    /**
     * Where start requests went before they moved to the data grid's queue; still drained by the auctioneer
     * while {@code diego.auction.drain-jms-queue} is on. Nothing sends here any more.
     */
    public static final String AUCTION_QUEUE = "diego.auction";
    /**
     * Cells to cluster: batches of application log lines and container metrics. Non-persistent and
     * best effort (a lost batch costs log lines, never state); competing consumers across instances.
     */
    public static final String LOGS_QUEUE = "diego.logs";
    /** String property on every message naming its {@link MessageType} wire name. */
    public static final String TYPE_PROPERTY = "diego_type";

    private Destinations() {
    }

    /**
     * Cluster to one cell: work and stop requests for that cell only. OpenMQ accepts only Java
     * identifier characters and dots in names, so other characters of the cell id (such as '-') are
     * escaped as {@code _XXXX} (hex) and '_' itself as {@code __}, which keeps the mapping one-to-one.
     */
    public static String cellQueue(String cellId) {
        StringBuilder name = new StringBuilder("diego.cell.");
        for (char c : cellId.toCharArray()) {
            if (c == '_') {
                name.append("__");
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                name.append(c);
            } else {
                name.append('_').append(String.format("%04x", (int) c));
            }
        }
        return name.toString();
    }
}
