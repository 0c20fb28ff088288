package io.tributary.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that at least one bootstrap address accepts TCP connections before a tool starts a client, so an
 * unreachable broker is reported at once with its address instead of as a client timeout (or, for a consumer,
 * an endless wait).
 */
final class BrokerProbe {
    /** Time allowed per address: refused connections fail at once, silent hosts within this. */
    static final int CONNECT_TIMEOUT_MS = 3000;

    private BrokerProbe() {
    }

    /**
     * Returns if any of the comma-separated {@code host:port} addresses accepts a connection.
     *
     * @throws UsageException if an address is not {@code host:port}
     * @throws ToolException  if none can be reached, naming every address and why
     */
    static void requireReachable(String bootstrapServers) {
        List<String> failures = new ArrayList<>();
        for (String raw : bootstrapServers.split(",")) {
            String address = raw.trim();
            if (address.isEmpty()) {
                continue;
            }
            InetSocketAddress target = parse(address);
            if (target.isUnresolved()) {
                failures.add(address + " (unknown host)");
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failures.add(address + " (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")");
            }
        }
        if (failures.isEmpty()) {
            throw new UsageException("no bootstrap server given");
        }
        throw new ToolException("cannot connect to the broker at " + String.join(", ", failures)
            + "; is it running? (bin/broker-lite-start config/server.properties starts one)");
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new UsageException("bootstrap server " + address + " is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port <= 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new UsageException("bootstrap server " + address + " has no valid port");
        }
    }
}
