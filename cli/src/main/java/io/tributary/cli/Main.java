package io.tributary.cli;

import io.tributary.common.TributaryException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of {@code tributary-cli.jar}: {@code java -jar tributary-cli.jar <tool> [flags]}. The scripts in
 * {@code bin/} call it with their own name as the tool.
 *
 * <p>Exit codes: 0 success, 1 a failure explained on one line of stderr, 2 a wrong command line (the tool's usage
 * follows the message). {@link #run} is the same dispatcher without {@code System.exit}, for tests and embedding.
 */
public final class Main {
    private static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

    static {
        for (Tool t : List.of(new BrokerLiteStart(), new ConsoleProducer(), new ConsoleConsumer(),
                new ProducerPerfTest(), new ConsumerPerfTest(), new Topics(), new Configs(), new ConsumerGroups(),
                new DeleteRecords(), new ConnectStandaloneTool())) {
            TOOLS.put(t.name(), t);
        }
    }

    private Main() {
    }

    /** Runs the tool named by the first argument and exits with its exit code. */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("broker-lite-start") || args[0].equals("connect-standalone"))
                && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // the broker's and the connectors' start-up and shutdown lines are worth seeing; the client tools only
            // show warnings
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        ToolContext context = ToolContext.system();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: let the tool finish cleanly (the consumer prints its total, the broker closes its logs)
        Thread hook = new Thread(() -> {
            context.stop().stop();
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tributary-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = run(args, context);
        finished.countDown();
        context.out().flush();
        context.err().flush();
        System.exit(code);
    }

    /**
     * Runs one tool in this JVM.
     *
     * @param args    the tool's name, then its flags
     * @param context the streams and stop signal the tool uses
     * @return the exit code
     */
    public static int run(String[] args, ToolContext context) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            boolean asked = args.length > 0;
            (asked ? context.out() : context.err()).print(toolList());
            return asked ? 0 : 2;
        }
        Tool tool = TOOLS.get(args[0]);
        if (tool == null) {
            context.err().println("tributary-cli: unknown tool " + args[0]);
            context.err().print(toolList());
            return 2;
        }
        FlagSpec spec = tool.flags();
        try {
            ParsedFlags flags = spec.parse(Arrays.asList(args).subList(1, args.length));
            if (flags.helpRequested()) {
                context.out().print(spec.usage(tool.name()));
                return 0;
            }
            return tool.run(flags, context);
        } catch (UsageException e) {
            context.err().println(tool.name() + ": " + e.getMessage());
            context.err().print(spec.usage(tool.name()));
            return 2;
        } catch (ToolException | TributaryException e) {
            context.err().println(tool.name() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println(tool.name() + ": interrupted");
            return 1;
        } catch (Exception e) {
            context.err().println(tool.name() + ": " + e);
            return 1;
        } finally {
            context.out().flush();
        }
    }

    /** The tool names, for {@code --help} and unknown tools. */
    static String toolList() {
        StringBuilder sb = new StringBuilder("Usage: java -jar tributary-cli.jar <tool> [flags]   (or bin/<tool>)")
            .append(System.lineSeparator()).append("Tools:").append(System.lineSeparator());
        TOOLS.values().forEach(t -> sb.append(String.format("  %-20s %s%n", t.name(), t.summary())));
        sb.append("Run a tool with --help for its flags.").append(System.lineSeparator());
        return sb.toString();
    }
}
