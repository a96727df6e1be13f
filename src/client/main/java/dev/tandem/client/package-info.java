/**
 * The Java client of Tandem: {@link dev.tandem.client.TandemClient} connects to a node over a
 * WebSocket or SockJS, reconnects by itself, and hands out {@link dev.tandem.client.ClientDocument}s
 * whose text changes at once when edited locally and as others' edits arrive.
 *
 * <p>Layers, from the wire up: {@code wire} (the messages of docs/PROTOCOL.md as records),
 * {@code transport} (JSON codec, WebSocket and SockJS framing), {@code model} (the client half of
 * OT and the per-document protocol logic, plain Java without Vert.x), and this package (the Vert.x
 * connection, documents, options, and the {@link dev.tandem.client.Cli} command-line client).
 *
 * <p>Unconfirmed edits survive reconnects (resubmitted under the same {@code seq}, deduplicated by
 * the server); they are dropped, and reported to {@code DocumentListener.editsLost}, only when the
 * server resets the document or refuses the edit. See {@link dev.tandem.client.model.DocumentModel}.
 */
package dev.tandem.client;
