package dev.tandem.bus;

/** Event-bus addresses, one place so every node agrees on them. */
public final class Addresses {
    private Addresses() {
    }

    /** Requests to the sequencer of a document (open, submit). */
    public static String sequencer(String docId) {
        return "tandem.seq." + docId;
    }

    /** Committed revisions of a document, published to every gateway that has it open. */
    public static String revisions(String docId) {
        return "tandem.rev." + docId;
    }

    /** Presence updates of a document, published by gateways to each other. */
    public static String presence(String docId) {
        return "tandem.presence." + docId;
    }

    /** Requests to a node's sequencer manager (activation of documents it owns). */
    public static String manager(String nodeId) {
        return "tandem.manager." + nodeId;
    }
}
