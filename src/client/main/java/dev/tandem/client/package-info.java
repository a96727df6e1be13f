/**
 * The Java client of Tandem: {@link dev.tandem.client.TandemClient} connects to a node over a
 * WebSocket or SockJS, reconnects by itself, and hands out typed documents
 * ({@link dev.tandem.client.ClientDocument} for plain text,
 * {@link dev.tandem.client.RichTextClientDocument} for Quill Deltas,
 * {@link dev.tandem.client.CanvasClientDocument} for boards) whose content changes at once when
 * edited locally and as others' edits arrive.
 *
 * <p>Layers, from the wire up: {@code transport} (WebSocket and SockJS framing), {@code model}
 * (the client half of OT and the per-document protocol logic, plain Java without Vert.x, the same
 * for every type through {@link dev.tandem.client.model.ClientType}), and this package (the Vert.x
 * connection, documents and options).
 *
 * <p>Unconfirmed edits survive reconnects (resubmitted under the same {@code seq}, deduplicated by
 * the server); they are dropped, and reported to {@code DocumentListener.editsLost}, only when the
 * server resets the document or refuses the edit. See {@link dev.tandem.client.model.DocumentModel}.
 */
package dev.tandem.client;
