package io.tributary.connect.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode, as Kafka's {@code connect-standalone.sh}: one process, a worker configuration and one or more
 * connector configurations, all properties files; source offsets in a local file.
 *
 * <pre>
 * connect-standalone worker.properties file-source.properties file-sink.properties
 * </pre>
 *
 * Embeddable: {@link #start} returns the running instance, {@link #close} stops every connector (tasks store or
 * commit their offsets first).
 */
public final class ConnectStandalone implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectStandalone.class);

    private final Worker worker;
    private volatile ConnectRestServer rest;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ConnectStandalone(Worker worker) {
        this.worker = worker;
    }

    /**
     * Starts a worker and the given connectors; if one connector's configuration is invalid, stops the ones already
     * started and throws.
     */
    public static ConnectStandalone start(Map<String, String> workerProps, List<Map<String, String>> connectors) {
        WorkerConfig config = new WorkerConfig(workerProps);
        java.net.InetSocketAddress restAddress = config.restAddress();
        Worker worker = new Worker(config);
        ConnectStandalone standalone = new ConnectStandalone(worker);
        try {
            for (Map<String, String> c : connectors) {
                worker.startConnector(c);
            }
            standalone.rest = new ConnectRestServer(worker, restAddress);
        } catch (RuntimeException e) {
            standalone.close();
            throw e;
        }
        return standalone;
    }

    public Worker worker() {
        return worker;
    }

    /** The REST API's port. */
    public int restPort() {
        return rest.port();
    }

    /** Stops every connector; returns when their tasks have stopped. */
    @Override
    public void close() {
        try {
            if (rest != null) {
                rest.close();
            }
            worker.close();
        } finally {
            closed.countDown();
        }
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Reads a properties file into a map (values trimmed as {@link Properties} leaves them). */
    public static Map<String, String> loadProperties(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /** The command line's usage. */
    public static final String USAGE =
        "Usage: connect-standalone worker.properties connector1.properties [connector2.properties ...]";

    /**
     * Starts from a command line: {@code worker.properties connector1.properties [connector2.properties ...]}.
     *
     * @throws IllegalArgumentException with {@link #USAGE} when fewer than two files are given
     */
    public static ConnectStandalone fromArgs(String... args) {
        if (args.length < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        Map<String, String> workerProps = loadProperties(Path.of(args[0]));
        List<Map<String, String>> connectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            connectors.add(loadProperties(Path.of(args[i])));
        }
        return start(workerProps, connectors);
    }

    /**
     * {@code connect-standalone worker.properties connector1.properties [connector2.properties ...]}; runs until
     * the JVM is asked to stop (SIGTERM, Ctrl-C), then stops the connectors cleanly. Exits with 2 for a wrong
     * command line, 1 for a configuration that cannot start.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            // The command line's own messages belong on stderr, not in a log.
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ConnectStandalone standalone;
        try {
            standalone = fromArgs(args);
        } catch (RuntimeException e) {
            System.err.println("connect-standalone: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping connectors");
            standalone.close();
        }, "connect-standalone-shutdown"));
        standalone.awaitClose();
    }
}
