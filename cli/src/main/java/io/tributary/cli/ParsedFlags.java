package io.tributary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A command line read by {@link FlagSpec#parse}: typed access to the flags' values. Immutable. */
public final class ParsedFlags {
    private final Map<String, List<String>> values;
    private final List<String> positionals;
    private final boolean help;

    ParsedFlags(Map<String, List<String>> values, List<String> positionals, boolean help) {
        this.values = values;
        this.positionals = List.copyOf(positionals);
        this.help = help;
    }

    static ParsedFlags help() {
        return new ParsedFlags(Map.of(), List.of(), true);
    }

    /** Whether {@code --help} was given. */
    public boolean helpRequested() {
        return help;
    }

    /** Whether the flag was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The flag's value, or null if it was not given. */
    public String get(String name) {
        List<String> vs = values.get(name);
        return vs == null ? null : vs.get(vs.size() - 1);
    }

    /** The flag's value, or {@code fallback}. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of a repeatable or list flag, in order (empty if not given). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The (first) positional argument, or null. */
    public String positional() {
        return positionals.isEmpty() ? null : positionals.get(0);
    }

    /** Every positional argument, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** The flag's value as a long, or {@code fallback} if not given. */
    public long getLong(String name, long fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " " + v + " is not a whole number");
        }
    }

    /** The flag's value as a double, or {@code fallback} if not given. */
    public double getDouble(String name, double fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " " + v + " is not a number");
        }
    }

    /** The {@code key=value} words of a repeatable or list flag as settings, in order (later ones win). */
    public Map<String, String> keyValues(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : all(name)) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(name + " " + kv + " is not key=value");
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        return out;
    }

    /** The settings in the properties file the flag names (empty if not given). */
    public Map<String, String> propertiesFile(String name) {
        String file = get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (file == null) {
            return out;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new ToolException(name + ": no such file " + file);
        } catch (IOException e) {
            throw new ToolException(name + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
