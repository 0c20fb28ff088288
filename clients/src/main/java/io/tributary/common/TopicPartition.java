package io.tributary.common;

import java.util.Objects;

/**
 * A topic name and a partition number. Its text form, {@code topic-partition}, is also the name of the partition's
 * directory on a broker. Immutable.
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
    }

    /** Parses {@code topic-partition}; the topic itself may contain dashes. */
    public static TopicPartition parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("topic partition : " + text + " (expected: <topic>-<partition>)");
        }
        try {
            return new TopicPartition(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("topic partition : " + text + " (expected: <topic>-<partition>)", e);
        }
    }

    @Override
    public int compareTo(TopicPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
