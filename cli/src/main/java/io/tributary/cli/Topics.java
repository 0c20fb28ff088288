package io.tributary.cli;

import io.tributary.clients.Node;
import io.tributary.clients.PartitionInfo;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.ConfigEntry;
import io.tributary.clients.admin.ConfigResource;
import io.tributary.clients.admin.NewTopic;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code topics --bootstrap-server host:port --create|--list|--describe|--alter|--delete}: Kafka's
 * {@code kafka-topics}, through the admin client. {@code --topic} names one topic exactly (Kafka's also takes a
 * regular expression there; not yet).
 *
 * <p>Output as Kafka's: "Created topic t."; {@code --list} one name per line; {@code --describe} a line per topic
 * ({@code Topic: … TopicId: … PartitionCount: … ReplicationFactor: … Configs: k=v,…}, the settings that are not
 * defaults) and a tab-indented line per partition ({@code Topic: … Partition: … Leader: … Replicas: … Isr: …}).
 * {@code --alter} and {@code --delete} print nothing.
 */
final class Topics implements Tool {
    /** What Kafka allows in a topic name (and rejects "." and ".."). */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final List<String> ACTIONS = List.of("--create", "--list", "--describe", "--alter", "--delete");

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public String summary() {
        return "Create, list, describe, alter and delete topics.";
    }

    @Override
    public FlagSpec flags() {
        return AdminConnection.commonFlags(new FlagSpec()
                .synopsis("--bootstrap-server <host:port> --create|--list|--describe|--alter|--delete [flags]"))
            .flag("--create", "Create a topic (--topic, optionally --partitions, --replication-factor, --config).")
            .flag("--list", "List the topic names.")
            .flag("--describe", "Describe the topic given by --topic, or every topic.")
            .flag("--alter", "Grow the topic given by --topic to --partitions partitions.")
            .flag("--delete", "Delete the topic given by --topic.")
            .value("--topic", "topic", "The topic's name.")
            .value("--partitions", "n", "The number of partitions (--create: default the broker's num.partitions; "
                + "--alter: the new, larger count).")
            .value("--replication-factor", "n", "Copies of each partition (--create; default the broker's; "
                + "broker-lite is single-node: 1).")
            .repeated("--config", "name=value", "A topic setting for --create (Kafka's names, e.g. retention.ms).")
            .flag("--if-not-exists", "With --create: do nothing if the topic exists.")
            .flag("--if-exists", "With --alter, --describe or --delete: do nothing if the topic does not exist.")
            .flag("--exclude-internal", "With --list or --describe: leave out internal topics (__consumer_offsets).");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        String action = singleAction(flags);
        String topic = flags.get("--topic");
        if (topic == null && (action.equals("--create") || action.equals("--alter") || action.equals("--delete"))) {
            throw new UsageException(action + " needs --topic");
        }
        if (!action.equals("--create") && !action.equals("--alter") && flags.has("--partitions")) {
            throw new UsageException("--partitions goes with --create or --alter");
        }
        if (!action.equals("--create") && (flags.has("--replication-factor") || flags.has("--config"))) {
            throw new UsageException((flags.has("--config") ? "--config" : "--replication-factor")
                + " goes with --create" + (flags.has("--config") ? " (configs --alter changes a topic's settings)"
                : ""));
        }
        if (action.equals("--alter") && !flags.has("--partitions")) {
            throw new UsageException("--alter needs --partitions");
        }
        if (topic != null && !action.equals("--list")) {
            requireLegalName(topic);
        }
        try (AdminConnection connection = AdminConnection.open(flags)) {
            Admin admin = connection.admin();
            switch (action) {
                case "--create" -> create(admin, flags, topic, context.out());
                case "--list" -> {
                    for (String t : AdminConnection.await(admin.listTopics(!flags.has("--exclude-internal")))) {
                        if (topic == null || topic.equals(t)) {
                            context.out().println(t);
                        }
                    }
                }
                case "--describe" -> describe(admin, flags, topic, context.out());
                case "--alter" -> alter(admin, flags, topic);
                case "--delete" -> delete(admin, flags, topic);
                default -> throw new IllegalStateException(action);
            }
        }
        return 0;
    }

    private static String singleAction(ParsedFlags flags) {
        List<String> given = ACTIONS.stream().filter(flags::has).toList();
        if (given.size() != 1) {
            throw new UsageException(given.isEmpty() ? "one of " + String.join(", ", ACTIONS) + " is needed"
                : "only one of " + String.join(", ", given) + " may be given");
        }
        return given.get(0);
    }

    /** Kafka's rule for topic names, checked before asking the broker so the message can say what is allowed. */
    static void requireLegalName(String topic) {
        if (!LEGAL_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new ToolException(invalidName(topic));
        }
    }

    private static String invalidName(String topic) {
        return "Invalid topic name '" + topic + "': a topic name is 1 to 249 of the characters a-z, A-Z, 0-9, "
            + "'.', '_' and '-', and not '.' or '..'.";
    }

    private static void create(Admin admin, ParsedFlags flags, String topic, PrintStream out) throws Exception {
        int partitions = (int) flags.getLong("--partitions", -1);
        long replication = flags.getLong("--replication-factor", -1);
        if (flags.has("--partitions") && partitions < 1) {
            throw new UsageException("--partitions " + partitions + " must be at least 1");
        }
        if (flags.has("--replication-factor") && (replication < 1 || replication > Short.MAX_VALUE)) {
            throw new UsageException("--replication-factor " + replication + " must be at least 1");
        }
        NewTopic newTopic = new NewTopic(topic, partitions, (short) replication, flags.keyValues("--config"));
        try {
            AdminConnection.await(admin.createTopics(List.of(newTopic)));
        } catch (TributaryException e) {
            Errors error = e.error();
            if (error == Errors.TOPIC_ALREADY_EXISTS) {
                if (flags.has("--if-not-exists")) {
                    return;
                }
                throw new ToolException("Topic '" + topic + "' already exists.");
            }
            if (error == Errors.INVALID_REPLICATION_FACTOR) {
                int brokers = AdminConnection.await(admin.describeCluster()).nodes().size();
                throw new ToolException("Replication factor " + replication + " is larger than the number of brokers ("
                    + brokers + ")" + (brokers == 1 ? ": this is a single-node broker, which keeps one copy of "
                    + "each partition; use --replication-factor 1." : "."));
            }
            if (error == Errors.INVALID_TOPIC_EXCEPTION) {
                throw new ToolException(invalidName(topic));
            }
            if (error == Errors.INVALID_CONFIG) {
                throw new ToolException("Invalid --config for topic '" + topic + "': " + e.getMessage());
            }
            throw e;
        }
        out.println("Created topic " + topic + ".");
    }

    private static void describe(Admin admin, ParsedFlags flags, String topic, PrintStream out) throws Exception {
        List<String> names;
        if (topic != null) {
            names = List.of(topic);
        } else {
            names = new ArrayList<>(AdminConnection.await(admin.listTopics(!flags.has("--exclude-internal"))));
        }
        if (names.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = AdminConnection.await(admin.describeTopics(names));
        } catch (TributaryException e) {
            if (e.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION && topic != null) {
                if (flags.has("--if-exists")) {
                    return;
                }
                throw unknownTopic(topic);
            }
            throw e;
        }
        List<ConfigResource> resources = names.stream().map(ConfigResource::topic).toList();
        Map<ConfigResource, List<ConfigEntry>> configs = AdminConnection.await(admin.describeConfigs(resources));
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            if (d == null) {
                continue;
            }
            int replicationFactor = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            String overrides = configs.getOrDefault(ConfigResource.topic(name), List.of()).stream()
                .filter(c -> !c.isDefault())
                .map(c -> c.name() + "=" + (c.sensitive() ? "null" : c.value()))
                .collect(Collectors.joining(","));
            out.println("Topic: " + name + "\tTopicId: " + d.topicId() + "\tPartitionCount: " + d.partitions().size()
                + "\tReplicationFactor: " + replicationFactor + "\tConfigs: " + overrides);
            d.partitions().stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .forEach(p -> out.println("\tTopic: " + name + "\tPartition: " + p.partition()
                    + "\tLeader: " + (p.leader() == null || p.leader().id() < 0 ? "none" : p.leader().id())
                    + "\tReplicas: " + ids(p.replicas()) + "\tIsr: " + ids(p.inSyncReplicas())));
        }
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
    }

    private static void alter(Admin admin, ParsedFlags flags, String topic) throws Exception {
        int partitions = (int) flags.getLong("--partitions", -1);
        if (partitions < 1) {
            throw new UsageException("--partitions " + partitions + " must be at least 1");
        }
        Set<String> existing = AdminConnection.await(admin.listTopics(true));
        if (!existing.contains(topic)) {
            if (flags.has("--if-exists")) {
                return;
            }
            throw unknownTopic(topic);
        }
        try {
            AdminConnection.await(admin.createPartitions(Map.of(topic, partitions)));
        } catch (TributaryException e) {
            if (e.error() == Errors.INVALID_PARTITIONS) {
                List<PartitionInfo> now = AdminConnection.await(admin.describeTopics(List.of(topic))).get(topic)
                    .partitions();
                throw new ToolException("Topic '" + topic + "' has " + now.size() + " partitions; --alter --partitions "
                    + "can only increase the count (" + partitions + " is not more).");
            }
            throw e;
        }
    }

    private static void delete(Admin admin, ParsedFlags flags, String topic) throws Exception {
        try {
            AdminConnection.await(admin.deleteTopics(List.of(topic)));
        } catch (TributaryException e) {
            if (e.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                if (flags.has("--if-exists")) {
                    return;
                }
                throw unknownTopic(topic);
            }
            throw e;
        }
    }

    static ToolException unknownTopic(String topic) {
        return new ToolException("Topic '" + topic + "' does not exist (topics --list shows the topics there are).");
    }
}
