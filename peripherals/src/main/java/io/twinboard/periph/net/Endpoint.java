package io.twinboard.periph.net;

import java.util.function.Supplier;

/** What answers at a user-configured (IP, port): see {@link Network#addEndpoint}. */
public sealed interface Endpoint {
    /** An in-process peer; {@code handlers} makes a fresh handler per connection. */
    record InProcess(Supplier<PeerHandler> handlers) implements Endpoint {}

    /** A real TCP server on the host, reached through a socket on a background thread. */
    record HostTcp(String host, int port) implements Endpoint {}

    /** A host that answers ARP but drops every TCP segment: CONNECT ends in the TCP timeout. */
    record Silent() implements Endpoint {}

    static Endpoint inProcess(Supplier<PeerHandler> handlers) { return new InProcess(handlers); }

    static Endpoint hostTcp(String host, int port) { return new HostTcp(host, port); }

    static Endpoint silent() { return new Silent(); }
}
