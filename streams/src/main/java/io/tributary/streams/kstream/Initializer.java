package io.tributary.streams.kstream;

/**
 * The starting aggregate of a key seen for the first time, for {@link KGroupedStream#aggregate}.
 *
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Initializer<VA> {
    VA apply();
}
