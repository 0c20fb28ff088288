package io.tributary.protocol.types;

/**
 * An inclusive range of message versions, written as in Kafka's message descriptions: {@code "3+"},
 * {@code "0-12"}, {@code "5"} or {@code "none"}. Immutable.
 */
public record Versions(short lowest, short highest) {
    /** The empty range. */
    public static final Versions NONE = new Versions((short) 0, (short) -1);
    /** Every version. */
    public static final Versions ALL = new Versions((short) 0, Short.MAX_VALUE);

    /** Parses {@code "a+"}, {@code "a-b"}, {@code "a"} or {@code "none"}. */
    public static Versions parse(String text) {
        String t = text.trim();
        if (t.equals("none")) {
            return NONE;
        }
        try {
            if (t.endsWith("+")) {
                return new Versions(Short.parseShort(t.substring(0, t.length() - 1)), Short.MAX_VALUE);
            }
            int dash = t.indexOf('-');
            if (dash > 0) {
                return new Versions(Short.parseShort(t.substring(0, dash)), Short.parseShort(t.substring(dash + 1)));
            }
            short v = Short.parseShort(t);
            return new Versions(v, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("versions : " + text + " (expected: \"a+\", \"a-b\", \"a\" or \"none\")", e);
        }
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    public boolean isEmpty() {
        return highest < lowest;
    }

    /** The versions in both ranges. */
    public Versions intersect(Versions other) {
        short lo = (short) Math.max(lowest, other.lowest);
        short hi = (short) Math.min(highest, other.highest);
        return hi < lo ? NONE : new Versions(lo, hi);
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == Short.MAX_VALUE) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}
