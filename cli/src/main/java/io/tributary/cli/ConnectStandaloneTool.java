package io.tributary.cli;

import io.tributary.connect.runtime.ConnectStandalone;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code connect-standalone worker.properties connector1.properties [connector2.properties ...]}: runs Tributary
 * Connect's standalone worker in the foreground, with Kafka Connect's property names, until Ctrl-C; then stops every
 * connector cleanly (source offsets stored, sink offsets committed). Kafka's {@code connect-standalone}.
 */
final class ConnectStandaloneTool implements Tool {
    @Override
    public String name() {
        return "connect-standalone";
    }

    @Override
    public String summary() {
        return "Run connectors from properties files (worker, then connectors) until Ctrl-C.";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("worker.properties connector1.properties [connector2.properties ...]")
            .positionals("<file.properties>...", "The worker's settings (bootstrap.servers, key.converter, "
                + "value.converter, offset.storage.file.filename, ...), then one file per connector (name, "
                + "connector.class, ...), Kafka Connect's names.", 2);
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws InterruptedException {
        List<String> files = flags.positionals();
        for (String f : files) {
            if (!Files.isRegularFile(Path.of(f))) {
                throw new ToolException("no such file " + f);
            }
        }
        ConnectStandalone connect;
        try {
            connect = ConnectStandalone.fromArgs(files.toArray(String[]::new));
        } catch (UncheckedIOException e) {
            throw new ToolException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            // A configuration lists every bad key on its own line; a command line wants one line.
            throw new ToolException(oneLine(e.getMessage()), e);
        }
        try {
            List<String> names = connect.worker().connectorNames();
            context.out().println("connect-standalone is running " + names.size() + " connector(s) " + names
                + ", REST API on port " + connect.restPort() + " (Ctrl-C stops them)");
            context.out().flush();
            context.stop().await();
        } finally {
            connect.close();
        }
        context.out().println("connect-standalone stopped every connector (offsets stored)");
        return 0;
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.replace(":\n  - ", ": ").replace("\n  - ", "; ")
            .replace('\n', ' ');
    }
}
