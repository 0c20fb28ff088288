package io.tributary.streams.kstream.internals;

import io.tributary.streams.TopologyException;
import io.tributary.streams.kstream.Branched;
import io.tributary.streams.kstream.BranchedKStream;
import io.tributary.streams.kstream.KStream;
import io.tributary.streams.kstream.Predicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the branches of a split; the nodes are added when the split is ended. */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final KStreamImpl<K, V> stream;
    private final String prefix;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private boolean ended;

    BranchedKStreamImpl(KStreamImpl<K, V> stream, String prefix) {
        this.stream = stream;
        this.prefix = prefix;
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, new Branched<>(null));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(branched, "branched");
        checkOpen();
        predicates.add(predicate);
        names.add(name(branched, String.valueOf(predicates.size())));
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(new Branched<>(null));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        Objects.requireNonNull(branched, "branched");
        checkOpen();
        names.add(name(branched, "0"));
        return end(true);
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        checkOpen();
        return end(false);
    }

    private Map<String, KStream<K, V>> end(boolean hasDefault) {
        ended = true;
        if (new HashSet<>(names).size() != names.size()) {
            throw new TopologyException("split: two branches are named alike: " + names);
        }
        return stream.branches(predicates, names, hasDefault);
    }

    private String name(Branched<K, V> branched, String position) {
        return prefix + (branched.name() != null ? branched.name() : position);
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("this split already ended with defaultBranch() or noDefaultBranch()");
        }
    }
}
