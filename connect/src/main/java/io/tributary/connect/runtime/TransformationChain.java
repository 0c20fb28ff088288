package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector's single message transforms in order, from Kafka Connect's keys: {@code transforms=a,b},
 * {@code transforms.a.type=<class>}, {@code transforms.a.<setting>=...}, optionally applied only to records matching a
 * predicate: {@code transforms.a.predicate=p} (and {@code transforms.a.negate=true} for the records not matching),
 * with {@code predicates=p}, {@code predicates.p.type=<class>}, {@code predicates.p.<setting>=...}. Applies each in
 * turn; a transform returning null drops the record. One chain per task, used from the task's thread only.
 *
 * @param <R> source or sink records
 */
final class TransformationChain<R extends ConnectRecord> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransformationChain.class);

    static final String TRANSFORMS_CONFIG = "transforms";
    static final String PREDICATES_CONFIG = "predicates";
    static final String PREDICATE_CONFIG = "predicate";
    static final String NEGATE_CONFIG = "negate";

    /** One transform, with the predicate that gates it (null: every record). */
    private record Step<R extends ConnectRecord>(String alias, Transformation<R> transform, Predicate<R> predicate,
                                                 boolean negate) {
        boolean appliesTo(R record) {
            return predicate == null || predicate.test(record) != negate;
        }
    }

    private final List<Step<R>> steps;
    private final List<Predicate<R>> predicates;

    private TransformationChain(List<Step<R>> steps, List<Predicate<R>> predicates) {
        this.steps = steps;
        this.predicates = predicates;
    }

    /** No transforms: records pass unchanged. */
    static <R extends ConnectRecord> TransformationChain<R> empty() {
        return new TransformationChain<>(List.of(), List.of());
    }

    /**
     * Creates and configures the predicates and transforms a connector configuration names.
     *
     * @throws ConfigException naming the alias and setting at fault; what was already created is closed
     */
    @SuppressWarnings("unchecked")
    static <R extends ConnectRecord> TransformationChain<R> fromConfig(Map<String, String> connectorProps) {
        Map<String, Predicate<R>> predicates = new LinkedHashMap<>();
        List<Step<R>> steps = new ArrayList<>();
        try {
            for (String name : aliases(connectorProps, PREDICATES_CONFIG)) {
                String prefix = PREDICATES_CONFIG + "." + name + ".";
                String type = requireType(connectorProps, prefix, "predicate " + name
                    + " (TopicNameMatches, HasHeaderKey, RecordIsTombstone or Kafka's class name)");
                Predicate<R> p = (Predicate<R>) Plugins.newPredicate(prefix + "type", type);
                predicates.put(name, p);
                configure(() -> p.configure(settings(connectorProps, prefix)), "predicate " + name, type);
            }
            for (String alias : aliases(connectorProps, TRANSFORMS_CONFIG)) {
                String prefix = TRANSFORMS_CONFIG + "." + alias + ".";
                String type = requireType(connectorProps, prefix, "the class of transform " + alias
                    + " (InsertField$Value, RegexRouter, ... or Kafka's class name)");
                Transformation<R> t = (Transformation<R>) Plugins.newTransformation(prefix + "type", type);
                Map<String, String> settings = settings(connectorProps, prefix);
                String predicateName = settings.remove(PREDICATE_CONFIG);
                String negate = settings.remove(NEGATE_CONFIG);
                Predicate<R> predicate = null;
                if (predicateName != null && !predicateName.isBlank()) {
                    predicate = predicates.get(predicateName.trim());
                    if (predicate == null) {
                        t.close();
                        throw new ConfigException(prefix + PREDICATE_CONFIG, predicateName, "one of the predicates "
                            + "listed in " + PREDICATES_CONFIG + " " + predicates.keySet());
                    }
                }
                boolean negated = false;
                if (negate != null && !negate.isBlank()) {
                    String n = negate.trim();
                    if (!n.equalsIgnoreCase("true") && !n.equalsIgnoreCase("false")) {
                        t.close();
                        throw new ConfigException(prefix + NEGATE_CONFIG, negate, "true or false");
                    }
                    negated = Boolean.parseBoolean(n);
                    if (negated && predicate == null) {
                        log.warn("{}{}=true has no effect without {}{}", prefix, NEGATE_CONFIG, prefix,
                            PREDICATE_CONFIG);
                    }
                }
                steps.add(new Step<>(alias, t, predicate, negated));
                configure(() -> t.configure(settings), "transform " + alias, type);
            }
        } catch (RuntimeException e) {
            steps.forEach(s -> s.transform().close());
            predicates.values().forEach(Predicate::close);
            throw e;
        }
        return new TransformationChain<>(List.copyOf(steps), List.copyOf(predicates.values()));
    }

    private static String requireType(Map<String, String> props, String prefix, String expected) {
        String type = props.get(prefix + "type");
        if (type == null || type.isBlank()) {
            throw new ConfigException(prefix + "type", type, expected);
        }
        return type.trim();
    }

    private static Map<String, String> settings(Map<String, String> props, String prefix) {
        Map<String, String> settings = WorkerConfig.withPrefix(props, prefix);
        settings.remove("type");
        return settings;
    }

    /** Runs a configure call, naming the plugin in a ConfigException. */
    private static void configure(Runnable configure, String what, String type) {
        try {
            configure.run();
        } catch (ConfigException e) {
            throw new ConfigException(what + " (" + type + "): " + e.getMessage());
        }
    }

    /** The aliases listed in {@code transforms}, checked for duplicates. */
    static List<String> aliases(Map<String, String> connectorProps) {
        return aliases(connectorProps, TRANSFORMS_CONFIG);
    }

    private static List<String> aliases(Map<String, String> connectorProps, String key) {
        String list = connectorProps.get(key);
        List<String> aliases = new ArrayList<>();
        if (list == null) {
            return aliases;
        }
        for (String a : list.split(",")) {
            String alias = a.trim();
            if (alias.isEmpty()) {
                continue;
            }
            if (aliases.contains(alias)) {
                throw new ConfigException(key, list, "distinct aliases (" + alias + " twice)");
            }
            aliases.add(alias);
        }
        return aliases;
    }

    /** The record after every transform, or null when one dropped it. */
    R apply(R record) {
        R r = record;
        for (Step<R> s : steps) {
            if (s.appliesTo(r)) {
                r = s.transform().apply(r);
                if (r == null) {
                    return null;
                }
            }
        }
        return r;
    }

    /**
     * As {@link #apply(ConnectRecord)}, each transform (with its predicate) run as stage TRANSFORMATION under the
     * error handling settings: returns null also when a transform failed and the failure was tolerated
     * ({@code context.failed()} tells the two apart).
     *
     * @throws io.tributary.connect.errors.ConnectException when a failure is not tolerated
     */
    R apply(R record, RetryWithToleranceOperator errors, ProcessingContext context) {
        R r = record;
        for (Step<R> s : steps) {
            R in = r;
            r = errors.execute(context, Stage.TRANSFORMATION, s.transform().getClass(),
                () -> s.appliesTo(in) ? s.transform().apply(in) : in);
            if (r == null) {
                return null;
            }
        }
        return r;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    @Override
    public void close() {
        steps.forEach(s -> s.transform().close());
        predicates.forEach(Predicate::close);
    }
}
