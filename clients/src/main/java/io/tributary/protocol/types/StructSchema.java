package io.tributary.protocol.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered fields of one struct (a message body or a nested struct). Tagged fields are kept apart, in tag
 * order, because they are written after the regular fields. Immutable and thread-safe.
 */
public final class StructSchema {
    private final String name;
    private final List<Field> fields;
    private final List<Integer> taggedOrder;
    private final Map<String, Integer> indexByName;

    public StructSchema(String name, List<Field> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
        this.indexByName = new HashMap<>();
        List<Integer> tagged = new ArrayList<>();
        for (int i = 0; i < this.fields.size(); i++) {
            Field f = this.fields.get(i);
            if (indexByName.put(f.name(), i) != null) {
                throw new IllegalArgumentException("struct " + name + " declares field " + f.name() + " twice");
            }
            if (!f.taggedVersions().isEmpty()) {
                tagged.add(i);
            }
        }
        tagged.sort(Comparator.comparingInt(i -> this.fields.get(i).tag()));
        this.taggedOrder = Collections.unmodifiableList(tagged);
    }

    public String name() {
        return name;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Indexes into {@link #fields()} of the tagged fields, by ascending tag. */
    List<Integer> taggedOrder() {
        return taggedOrder;
    }

    /** The position of {@code fieldName}, or -1. */
    public int indexOf(String fieldName) {
        Integer i = indexByName.get(fieldName);
        return i == null ? -1 : i;
    }

    /** The field called {@code fieldName}; throws if there is none, naming the fields there are. */
    public Field field(String fieldName) {
        return fields.get(requireIndex(fieldName));
    }

    int requireIndex(String fieldName) {
        Integer i = indexByName.get(fieldName);
        if (i == null) {
            throw new IllegalArgumentException("field : " + fieldName + " (expected one of " + indexByName.keySet()
                + " in " + name + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return name + fields;
    }
}
