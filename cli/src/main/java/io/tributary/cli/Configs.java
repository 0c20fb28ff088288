package io.tributary.cli;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.AlterConfigOp;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code configs --bootstrap-server host:port --describe|--alter}: Kafka's {@code kafka-configs} for topics
 * ({@code --entity-type topics --entity-name t}, or {@code --topic t}) and brokers ({@code --entity-type brokers
 * --entity-name 1}, or {@code --broker 1}).
 *
 * <p>{@code --describe} prints, as Kafka's, "Dynamic configs for topic t are:" and one indented line per setting
 * the topic overrides ({@code name=value sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:name=value}}); with
 * {@code --all}, "All configs for topic t are:" and every effective setting. The synonyms show only the entry's
 * own source (the admin client does not ask for the full chain). {@code --alter} takes {@code --add-config
 * k1=v1,k2=[a,b]} (brackets hold a list value with commas) and {@code --delete-config k1,k2}, applied together
 * as incremental changes, and prints "Completed updating config for topic t.".
 */
final class Configs implements Tool {
    @Override
    public String name() {
        return "configs";
    }

    @Override
    public String summary() {
        return "Describe and change topic (and describe broker) settings.";
    }

    @Override
    public FlagSpec flags() {
        return AdminConnection.commonFlags(new FlagSpec()
                .synopsis("--bootstrap-server <host:port> --describe|--alter --topic <t> [flags]"))
            .flag("--describe", "Print the settings.")
            .flag("--alter", "Change settings (--add-config, --delete-config).")
            .value("--entity-type", "topics|brokers", "The kind of entity.")
            .value("--entity-name", "name", "The topic's name or the broker's id (--describe without it: all topics).")
            .value("--topic", "topic", "Short for --entity-type topics --entity-name <topic>.")
            .value("--broker", "id", "Short for --entity-type brokers --entity-name <id>.")
            .repeated("--add-config", "k1=v1,k2=[a,b]", "Settings to set, comma-separated; a list value in [].")
            .repeated("--delete-config", "k1,k2", "Settings to remove (back to the default), comma-separated.")
            .flag("--all", "With --describe: every effective setting, not only the overrides.");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        boolean describe = flags.has("--describe");
        if (describe == flags.has("--alter")) {
            throw new UsageException(describe ? "only one of --describe, --alter may be given"
                : "one of --describe, --alter is needed");
        }
        ConfigResource.Type type = entityType(flags);
        String name = entityName(flags);
        if (name == null && (type == ConfigResource.Type.BROKER || !describe)) {
            throw new UsageException((describe ? "--describe" : "--alter") + " needs --entity-name (or "
                + (type == ConfigResource.Type.BROKER ? "--broker" : "--topic") + ")");
        }
        Map<String, String> add = new LinkedHashMap<>();
        for (String value : flags.all("--add-config")) {
            add.putAll(parseAddConfig(value));
        }
        List<String> remove = new ArrayList<>();
        for (String value : flags.all("--delete-config")) {
            for (String key : value.split(",")) {
                if (!key.isBlank()) {
                    remove.add(key.trim());
                }
            }
        }
        if (describe && (!add.isEmpty() || !remove.isEmpty())) {
            throw new UsageException("--add-config and --delete-config go with --alter");
        }
        if (!describe && add.isEmpty() && remove.isEmpty()) {
            throw new UsageException("--alter needs --add-config or --delete-config");
        }
        if (!describe && flags.has("--all")) {
            throw new UsageException("--all goes with --describe");
        }
        if (type == ConfigResource.Type.TOPIC && name != null) {
            Topics.requireLegalName(name);
        }
        if (type == ConfigResource.Type.BROKER && !name.matches("\\d+")) {
            throw new UsageException("broker " + name + " is not a broker id (a whole number)");
        }
        try (AdminConnection connection = AdminConnection.open(flags)) {
            Admin admin = connection.admin();
            List<String> names = name != null ? List.of(name)
                : List.copyOf(AdminConnection.await(admin.listTopics(false)));
            for (String n : names) {
                ConfigResource resource = new ConfigResource(type, n);
                try {
                    if (describe) {
                        describe(admin, resource, flags.has("--all"), context.out());
                    } else {
                        alter(admin, resource, add, remove, context.out());
                    }
                } catch (TributaryException e) {
                    throw explain(e, resource);
                }
            }
        }
        return 0;
    }

    private static ConfigResource.Type entityType(ParsedFlags flags) {
        int shortcuts = (flags.has("--topic") ? 1 : 0) + (flags.has("--broker") ? 1 : 0);
        if (shortcuts > 1 || (shortcuts == 1 && (flags.has("--entity-type") || flags.has("--entity-name")))) {
            throw new UsageException("give either --entity-type/--entity-name, --topic or --broker");
        }
        if (flags.has("--topic")) {
            return ConfigResource.Type.TOPIC;
        }
        if (flags.has("--broker")) {
            return ConfigResource.Type.BROKER;
        }
        String type = flags.get("--entity-type");
        if (type == null) {
            throw new UsageException("missing --entity-type (or --topic, --broker)");
        }
        return switch (type) {
            case "topics", "topic" -> ConfigResource.Type.TOPIC;
            case "brokers", "broker" -> ConfigResource.Type.BROKER;
            default -> throw new UsageException("--entity-type " + type + " is not supported (topics or brokers)");
        };
    }

    private static String entityName(ParsedFlags flags) {
        return flags.has("--topic") ? flags.get("--topic")
            : flags.has("--broker") ? flags.get("--broker") : flags.get("--entity-name");
    }

    /** Kafka's {@code --add-config} text: {@code k=v} pairs split at commas outside {@code [...]}. */
    static Map<String, String> parseAddConfig(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String pair = text.substring(start, i).trim();
                start = i + 1;
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--add-config " + pair + " is not key=value");
                }
                String value = pair.substring(eq + 1).trim();
                if (value.startsWith("[") && value.endsWith("]")) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(pair.substring(0, eq).trim(), value);
            }
        }
        if (depth != 0) {
            throw new UsageException("--add-config " + text + " has an unclosed [");
        }
        return out;
    }

    private static void describe(Admin admin, ConfigResource resource, boolean all, PrintStream out)
            throws Exception {
        List<ConfigEntry> entries = AdminConnection.await(admin.describeConfigs(List.of(resource)))
            .getOrDefault(resource, List.of());
        out.println((all ? "All" : "Dynamic") + " configs for " + label(resource) + " are:");
        for (ConfigEntry e : entries) {
            if (all || isDynamic(e)) {
                String value = e.sensitive() ? "null" : e.value();
                out.println("  " + e.name() + "=" + value + " sensitive=" + e.sensitive() + " synonyms={"
                    + sourceName(e.source()) + ":" + e.name() + "=" + value + "}");
            }
        }
    }

    private static boolean isDynamic(ConfigEntry e) {
        return switch (e.source()) {
            case TOPIC_CONFIG, DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG -> true;
            default -> false;
        };
    }

    /** Kafka's tool prints the sources with these names. */
    private static String sourceName(ConfigEntry.Source source) {
        return switch (source) {
            case TOPIC_CONFIG -> "DYNAMIC_TOPIC_CONFIG";
            case CLIENT_METRICS_CONFIG -> "DYNAMIC_CLIENT_METRICS_CONFIG";
            case GROUP_CONFIG -> "DYNAMIC_GROUP_CONFIG";
            default -> source.name();
        };
    }

    private static void alter(Admin admin, ConfigResource resource, Map<String, String> add, List<String> remove,
                              PrintStream out) throws Exception {
        List<AlterConfigOp> ops = new ArrayList<>();
        add.forEach((k, v) -> ops.add(AlterConfigOp.set(k, v)));
        remove.forEach(k -> ops.add(AlterConfigOp.delete(k)));
        AdminConnection.await(admin.incrementalAlterConfigs(Map.of(resource, ops)));
        out.println("Completed updating config for " + label(resource) + ".");
    }

    private static String label(ConfigResource resource) {
        return (resource.type() == ConfigResource.Type.TOPIC ? "topic " : "broker ") + resource.name();
    }

    private static RuntimeException explain(TributaryException e, ConfigResource resource) {
        if (e.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION && resource.type() == ConfigResource.Type.TOPIC) {
            return Topics.unknownTopic(resource.name());
        }
        if (e.error() == Errors.INVALID_CONFIG) {
            return new ToolException("Invalid config for " + label(resource) + ": " + e.getMessage());
        }
        if (e.error() == Errors.INVALID_REQUEST && resource.type() == ConfigResource.Type.BROKER) {
            return new ToolException("Cannot change the settings of " + label(resource) + ": " + e.getMessage());
        }
        return e;
    }
}
