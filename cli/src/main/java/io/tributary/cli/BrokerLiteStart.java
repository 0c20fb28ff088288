package io.tributary.cli;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import io.tributary.common.Time;
import io.tributary.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code broker-lite-start config/server.properties [--override name=value]...}: runs broker-lite in the foreground
 * (as {@code BrokerLite.main} does) until Ctrl-C, then closes it cleanly. Kafka's {@code kafka-server-start}.
 */
final class BrokerLiteStart implements Tool {
    @Override
    public String name() {
        return "broker-lite-start";
    }

    @Override
    public String summary() {
        return "Run broker-lite in the foreground from a server.properties file (Ctrl-C stops it).";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("<server.properties> [--override name=value]...")
            .positional("<server.properties>", "The broker's settings, Kafka's names (e.g. config/server.properties).")
            .repeated("--override", "name=value", "A setting that replaces the file's.");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws IOException, InterruptedException {
        Path file = Path.of(flags.positional());
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ToolException("no such file " + file);
        }
        props.putAll(flags.keyValues("--override"));
        BrokerLite broker;
        try {
            broker = BrokerLite.start(BrokerConfig.from(props), Time.SYSTEM);
        } catch (ConfigException e) {
            context.err().println(name() + ": invalid configuration: " + e.getMessage());
            return 2;
        }
        try {
            String bootstrap = broker.bootstrapServers();
            PrintStream out = context.out();
            out.println("broker-lite is listening on " + bootstrap + " with data in "
                + broker.context().config().logDirs().get(0).toAbsolutePath().normalize() + " (Ctrl-C stops it)");
            out.println("Next steps, in another terminal:");
            out.println("  bin/topics --create --topic foods --bootstrap-server " + bootstrap
                + " --replication-factor 1 --partitions 4");
            out.println("  bin/console-producer --bootstrap-server " + bootstrap + " --topic foods"
                + " --property \"key.separator=-\" --property \"parse.key=true\"");
            out.println("  bin/console-consumer --bootstrap-server " + bootstrap + " --topic foods --from-beginning"
                + " --property \"key.separator=-\" --property \"print.key=true\"");
            out.flush();
            context.stop().await();
        } finally {
            broker.close();
        }
        return 0;
    }
}
