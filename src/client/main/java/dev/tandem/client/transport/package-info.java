/** Getting protocol frames to and from a server: the JSON codec, and WebSocket or SockJS channels on Vert.x. */
package dev.tandem.client.transport;
