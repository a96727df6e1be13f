/**
 * The client side of OT without any I/O: the ot.js state machine
 * ({@link dev.tandem.client.model.Synchronized}, {@link dev.tandem.client.model.AwaitingConfirm},
 * {@link dev.tandem.client.model.AwaitingWithBuffer}) and {@link dev.tandem.client.model.DocumentModel},
 * which reads server messages, writes client messages and keeps text, revision, seq and presence.
 * The simulation test drives it against the real sequencer through an unreliable network.
 */
package dev.tandem.client.model;
