package io.tributary.streams;

/** A topology that cannot be built or run as described (a name used twice, a missing serde, a missing topic). */
public class TopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super(message);
    }
}
