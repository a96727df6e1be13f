package dev.tandem.storage;

/**
 * Who stands behind a client id in a document's history: the display name and colour it last
 * edited with, and {@code userId}, the signed-in user once access tokens exist (null in the open
 * demo mode, where a person is only the name their tab chose).
 */
public record Author(String clientId, String name, String color, String userId) {
}
