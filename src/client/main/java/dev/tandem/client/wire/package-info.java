/** The messages of docs/PROTOCOL.md version 1 as immutable records, free of any JSON library. */
package dev.tandem.client.wire;
