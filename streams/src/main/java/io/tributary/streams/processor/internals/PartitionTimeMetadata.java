package io.tributary.streams.processor.internals;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream time of an input partition as the stream thread writes it into the metadata of the offset it commits,
 * so that a task created for that partition later (after a restart or a rebalance) starts from the time its
 * predecessor had reached, and windows it had closed stay closed.
 *
 * <p>Encoding (ours, not Kafka Streams' base64 one): the ASCII text {@code "tst1:"} followed by the partition time
 * (the largest record timestamp processed from the partition, in ms since the epoch) in decimal, e.g.
 * {@code "tst1:1700000000000"}. {@code tst1} names the format and its version; a later version gets a new prefix.
 * Anything else — empty metadata, another tool's text, Kafka Streams' encoding, a malformed number — decodes to
 * "no time", never to an error: metadata is free text that any committer of the group may have written.
 */
public final class PartitionTimeMetadata {
    private static final Logger log = LoggerFactory.getLogger(PartitionTimeMetadata.class);
    /** The prefix of version 1 of the encoding. */
    static final String PREFIX_V1 = "tst1:";

    private PartitionTimeMetadata() {
    }

    /** The commit metadata carrying {@code partitionTime}. */
    public static String encode(long partitionTime) {
        return PREFIX_V1 + partitionTime;
    }

    /**
     * The partition time in {@code metadata}, or empty when it is null, empty or not written by {@link #encode}
     * (logged at debug level, then ignored).
     */
    public static OptionalLong decode(String metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return OptionalLong.empty();
        }
        if (metadata.startsWith(PREFIX_V1)) {
            try {
                return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX_V1.length())));
            } catch (NumberFormatException e) {
                // falls through: a malformed time is ignored like foreign metadata
            }
        }
        log.debug("ignoring commit metadata that carries no stream time: {}", abbreviate(metadata));
        return OptionalLong.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
