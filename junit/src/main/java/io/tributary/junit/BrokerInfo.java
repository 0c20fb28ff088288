package io.tributary.junit;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The running {@link EmbeddedBroker} of a test class, injectable as a parameter of constructors, lifecycle methods
 * and tests. Immutable.
 *
 * @param bootstrapServers {@code host:port} for a client's {@code bootstrap.servers}
 * @param boundAddress     the address the broker listens on
 * @param logDir           the broker's data directory (the extension's temporary directory, deleted after the test class,
 *                         unless {@code log.dirs} was set through the annotation)
 * @param startTime        how long {@code BrokerLite.start} took for this broker
 */
public record BrokerInfo(String bootstrapServers, InetSocketAddress boundAddress, Path logDir, Duration startTime) {
}
