package io.twinboard.periph.net;

import java.util.Optional;

/** Answers the firmware's DNS queries (provided by the workbench): a name to an IPv4 address, or empty for NXDOMAIN. */
@FunctionalInterface
public interface DnsResolver {
    Optional<Ipv4> resolve(String name);
}
