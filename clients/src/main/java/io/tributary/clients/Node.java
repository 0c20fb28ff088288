package io.tributary.clients;

/**
 * A broker as the cluster metadata describes it. Bootstrap addresses, whose ids are not known yet, get negative
 * ids (-1, -2, ...).
 *
 * @param id   the broker's node id
 * @param host host name or address
 * @param port port
 */
public record Node(int id, String host, int port) {
    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "node " + id + " (" + address() + ")";
    }
}
