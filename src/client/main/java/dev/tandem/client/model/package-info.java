/**
 * The client side of OT without any I/O: {@link dev.tandem.client.model.DocumentModel}, which
 * reads server messages, writes client messages and keeps revision, seq, presence and the
 * recovery policy for a document of any type; the {@link dev.tandem.client.model.LocalCopy} that
 * holds unconfirmed edits (the ot.js state machine, {@link dev.tandem.client.model.Synchronized},
 * {@link dev.tandem.client.model.AwaitingConfirm}, {@link dev.tandem.client.model.AwaitingWithBuffer},
 * for text and rich text; the canvas replica for boards); and the
 * {@link dev.tandem.client.model.ClientType}s that tell the model what each type's operations,
 * snapshots and selections are. The simulation test drives it against the real sequencer through
 * an unreliable network.
 */
package dev.tandem.client.model;
