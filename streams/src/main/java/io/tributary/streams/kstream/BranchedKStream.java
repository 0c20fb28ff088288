package io.tributary.streams.kstream;

import java.util.Map;

/**
 * The branches of a {@link KStream#split()} being declared. A record goes to the first branch whose predicate
 * accepts it, else to the default branch if declared, else nowhere. The branches exist once
 * {@link #defaultBranch} or {@link #noDefaultBranch} is called; both return the branch streams by name.
 *
 * <pre>{@code
 * Map<String, KStream<String, Order>> b = orders.split("order-")
 *     .branch((k, o) -> o.paid(), Branched.as("paid"))
 *     .branch((k, o) -> o.cancelled(), Branched.as("cancelled"))
 *     .defaultBranch(Branched.as("other"));
 * b.get("order-paid").to("paid-orders");
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface BranchedKStream<K, V> {
    /** Adds a branch named by its position. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    /** Adds a branch named by {@code branched}. */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /** Ends the split with a default branch named "0" (after the prefix); returns every branch by name. */
    Map<String, KStream<K, V>> defaultBranch();

    /** Ends the split with a default branch named by {@code branched}; returns every branch by name. */
    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /** Ends the split without a default branch (unmatched records are dropped); returns every branch by name. */
    Map<String, KStream<K, V>> noDefaultBranch();
}
