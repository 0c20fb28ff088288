package io.tributary.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of one tool, declared once with their help text; {@link #parse} reads a command line against them.
 *
 * <p>Accepted forms: {@code --name value}, {@code --name=value}, bare switches ({@code --from-beginning}), flags
 * whose value may be left out ({@code --compression-codec} means gzip), repeatable flags ({@code --property a=b
 * --property c=d}) and flags taking every following word up to the next flag ({@code --producer-props a=b c=d}).
 * {@code --help} anywhere asks for the usage. Not thread-safe while being built; immutable in use.
 */
public final class FlagSpec {
    /** How a flag takes its value. */
    enum Kind {
        /** No value: present or not. */
        SWITCH,
        /** Exactly one value, given once. */
        VALUE,
        /** One value or none (then the default of the flag). */
        OPTIONAL_VALUE,
        /** One value, may be given several times. */
        REPEATED,
        /** Every following word up to the next {@code --flag}, at least one; may be given several times. */
        LIST
    }

    /** One declared flag. */
    record Flag(String name, List<String> aliases, Kind kind, String valueName, String help, boolean required,
                String implicitValue) {
    }

    private final Map<String, Flag> byName = new LinkedHashMap<>();
    private final List<Flag> declared = new ArrayList<>();
    private final List<String[]> requiredOneOf = new ArrayList<>();
    private String positionalName;
    private String positionalHelp;
    /** How many positional arguments are accepted: exactly one by default, more with {@link #positionals}. */
    private int positionalMin = 1;
    private int positionalMax = 1;
    private String synopsis = "";

    /** An empty specification. */
    public FlagSpec() {
    }

    /** A switch without a value. */
    public FlagSpec flag(String name, String help) {
        return add(new Flag(name, List.of(), Kind.SWITCH, null, help, false, null));
    }

    /** A flag with one value, given at most once. */
    public FlagSpec value(String name, String valueName, String help) {
        return add(new Flag(name, List.of(), Kind.VALUE, valueName, help, false, null));
    }

    /** A flag with one value that must be given. */
    public FlagSpec required(String name, String valueName, String help) {
        return add(new Flag(name, List.of(), Kind.VALUE, valueName, help, true, null));
    }

    /** A flag whose value may be left out, meaning {@code implicitValue}. */
    public FlagSpec optionalValue(String name, String valueName, String implicitValue, String help) {
        return add(new Flag(name, List.of(), Kind.OPTIONAL_VALUE, valueName, help, false, implicitValue));
    }

    /** A flag with one value that may be given several times. */
    public FlagSpec repeated(String name, String valueName, String help) {
        return add(new Flag(name, List.of(), Kind.REPEATED, valueName, help, false, null));
    }

    /** A flag taking every following word up to the next flag. */
    public FlagSpec list(String name, String valueName, String help) {
        return add(new Flag(name, List.of(), Kind.LIST, valueName, help, false, null));
    }

    /** At least one of these (already declared) flags must be given; they are aliases of one setting. */
    public FlagSpec requireOneOf(String... names) {
        for (String n : names) {
            if (!byName.containsKey(n)) {
                throw new IllegalArgumentException("name : " + n + " (expected: a declared flag)");
            }
        }
        requiredOneOf.add(names.clone());
        return this;
    }

    /** Accepts one positional argument, required. */
    public FlagSpec positional(String name, String help) {
        this.positionalName = name;
        this.positionalHelp = help;
        return this;
    }

    /** Accepts {@code min} or more positional arguments ({@code connect-standalone worker.properties c1 c2 ...}). */
    public FlagSpec positionals(String name, String help, int min) {
        this.positionalName = name;
        this.positionalHelp = help;
        this.positionalMin = min;
        this.positionalMax = Integer.MAX_VALUE;
        return this;
    }

    /** The short form shown on the usage line after the tool name. */
    public FlagSpec synopsis(String text) {
        this.synopsis = text;
        return this;
    }

    private FlagSpec add(Flag flag) {
        if (!flag.name().startsWith("--") || byName.containsKey(flag.name())) {
            throw new IllegalArgumentException("flag : " + flag.name() + " (expected: a new --name)");
        }
        byName.put(flag.name(), flag);
        declared.add(flag);
        return this;
    }

    /**
     * Reads {@code args}; {@code --help} yields flags whose {@link ParsedFlags#helpRequested()} is true.
     *
     * @throws UsageException for an unknown flag, a missing value or a missing required flag
     */
    public ParsedFlags parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            return ParsedFlags.help(); // whatever else is wrong, the usage answers it
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (positionalName == null || positionals.size() >= positionalMax) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String inline = eq > 0 ? arg.substring(eq + 1) : null;
            Flag flag = byName.get(name);
            if (flag == null) {
                throw new UsageException("unknown flag " + name);
            }
            List<String> vs = values.computeIfAbsent(name, n -> new ArrayList<>());
            boolean nextIsValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            switch (flag.kind()) {
                case SWITCH -> {
                    if (inline != null) {
                        throw new UsageException(name + " takes no value");
                    }
                    vs.add("true");
                }
                case VALUE, REPEATED -> {
                    if (flag.kind() == Kind.VALUE && !vs.isEmpty()) {
                        throw new UsageException(name + " is given more than once");
                    }
                    if (inline != null) {
                        vs.add(inline);
                    } else if (i + 1 < args.size()) {
                        vs.add(args.get(++i));
                    } else {
                        throw new UsageException(name + " needs a value (" + flag.valueName() + ")");
                    }
                }
                case OPTIONAL_VALUE -> {
                    if (!vs.isEmpty()) {
                        throw new UsageException(name + " is given more than once");
                    }
                    vs.add(inline != null ? inline : nextIsValue ? args.get(++i) : flag.implicitValue());
                }
                case LIST -> {
                    int before = vs.size();
                    if (inline != null) {
                        vs.add(inline);
                    }
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        vs.add(args.get(++i));
                    }
                    if (vs.size() == before) {
                        throw new UsageException(name + " needs at least one value (" + flag.valueName() + ")");
                    }
                }
                default -> throw new IllegalStateException(flag.kind().name());
            }
        }
        for (Flag f : declared) {
            if (f.required() && !values.containsKey(f.name())) {
                throw new UsageException("missing required flag " + f.name());
            }
        }
        for (String[] group : requiredOneOf) {
            boolean any = false;
            for (String n : group) {
                any |= values.containsKey(n);
            }
            if (!any) {
                throw new UsageException("missing required flag " + String.join(" (or ", group)
                    + ")".repeat(group.length - 1));
            }
        }
        if (positionalName != null && positionals.size() < positionalMin) {
            throw new UsageException(positionals.isEmpty() ? "missing " + positionalName
                : "expected at least " + positionalMin + " of " + positionalName + ", got " + positionals.size());
        }
        return new ParsedFlags(values, positionals, false);
    }

    /** The usage text: the synopsis line, then one line per flag. */
    public String usage(String tool) {
        StringBuilder sb = new StringBuilder("Usage: ").append(tool);
        if (!synopsis.isEmpty()) {
            sb.append(' ').append(synopsis);
        }
        sb.append(System.lineSeparator());
        List<String[]> rows = new ArrayList<>();
        if (positionalName != null) {
            rows.add(new String[] {positionalName, positionalHelp});
        }
        for (Flag f : declared) {
            String left = f.name() + switch (f.kind()) {
                case SWITCH -> "";
                case OPTIONAL_VALUE -> " [" + f.valueName() + "]";
                case LIST -> " <" + f.valueName() + ">...";
                default -> " <" + f.valueName() + ">";
            };
            String right = f.help() + (f.required() ? " (required)" : "")
                + (f.kind() == Kind.REPEATED || f.kind() == Kind.LIST ? " (repeatable)" : "");
            rows.add(new String[] {left, right});
        }
        rows.add(new String[] {"--help", "Print this usage and exit."});
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : rows) {
            sb.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1])
                .append(System.lineSeparator());
        }
        return sb.toString();
    }
}
