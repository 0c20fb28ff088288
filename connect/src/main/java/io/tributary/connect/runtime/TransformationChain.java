package io.tributary.connect.runtime;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.transforms.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A connector's single message transforms in order, from Kafka Connect's keys: {@code transforms=a,b},
 * {@code transforms.a.type=<class>}, {@code transforms.a.<setting>=...}. Applies each in turn; a transform returning
 * null drops the record. One chain per task, used from the task's thread only.
 *
 * @param <R> source or sink records
 */
final class TransformationChain<R extends ConnectRecord> implements AutoCloseable {
    static final String TRANSFORMS_CONFIG = "transforms";

    private final List<Transformation<R>> transforms;

    private TransformationChain(List<Transformation<R>> transforms) {
        this.transforms = transforms;
    }

    /** No transforms: records pass unchanged. */
    static <R extends ConnectRecord> TransformationChain<R> empty() {
        return new TransformationChain<>(List.of());
    }

    /**
     * Creates and configures the transforms a connector configuration names.
     *
     * @throws ConfigException naming the alias and setting at fault; transforms already created are closed
     */
    @SuppressWarnings("unchecked")
    static <R extends ConnectRecord> TransformationChain<R> fromConfig(Map<String, String> connectorProps) {
        List<Transformation<R>> created = new ArrayList<>();
        try {
            for (String alias : aliases(connectorProps)) {
                String prefix = TRANSFORMS_CONFIG + "." + alias + ".";
                String type = connectorProps.get(prefix + "type");
                if (type == null || type.isBlank()) {
                    throw new ConfigException(prefix + "type", type, "the class of transform " + alias
                        + " (InsertField$Value, RegexRouter, ... or Kafka's class name)");
                }
                Transformation<R> t = (Transformation<R>) Plugins.newTransformation(prefix + "type", type.trim());
                created.add(t);
                Map<String, String> settings = WorkerConfig.withPrefix(connectorProps, prefix);
                settings.remove("type");
                try {
                    t.configure(settings);
                } catch (ConfigException e) {
                    throw new ConfigException("transform " + alias + " (" + type.trim() + "): " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            created.forEach(Transformation::close);
            throw e;
        }
        return new TransformationChain<>(List.copyOf(created));
    }

    /** The aliases listed in {@code transforms}, checked for duplicates. */
    static List<String> aliases(Map<String, String> connectorProps) {
        String list = connectorProps.get(TRANSFORMS_CONFIG);
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
                throw new ConfigException(TRANSFORMS_CONFIG, list, "distinct aliases (" + alias + " twice)");
            }
            aliases.add(alias);
        }
        return aliases;
    }

    /** The record after every transform, or null when one dropped it. */
    R apply(R record) {
        R r = record;
        for (Transformation<R> t : transforms) {
            r = t.apply(r);
            if (r == null) {
                return null;
            }
        }
        return r;
    }

    boolean isEmpty() {
        return transforms.isEmpty();
    }

    @Override
    public void close() {
        transforms.forEach(Transformation::close);
    }
}
