package io.tributary.clients.admin;

import io.tributary.clients.Node;
import java.util.List;

/**
 * The cluster: its id, its controller and its brokers.
 *
 * @param clusterId  the cluster id
 * @param controller the controller (a random broker when the cluster does not name one), or null
 * @param nodes      the brokers, by id
 */
public record ClusterDescription(String clusterId, Node controller, List<Node> nodes) {
    public ClusterDescription {
        nodes = List.copyOf(nodes);
    }
}
