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

    // Written out rather than the record's generated ones: producers and consumers look partitions up in maps on
    // every record, and this compares the cheap field first.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TopicPartition tp && partition == tp.partition && topic.equals(tp.topic);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + partition;
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
