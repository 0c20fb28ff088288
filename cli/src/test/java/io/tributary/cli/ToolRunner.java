package io.tributary.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs tools in-process through {@link Main#run}, with captured standard streams. */
final class ToolRunner {
    private ToolRunner() {
    }

    /** What a finished tool left behind. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    /** A tool running in the background: its live output and a way to stop it. */
    static final class Running {
        final StopSignal stop = new StopSignal();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Fires the stop signal (Ctrl-C) and waits for the tool to end. */
        Result stop() throws Exception {
            stop.stop();
            int code = exit.get(20, TimeUnit.SECONDS);
            return new Result(code, out(), err());
        }
    }

    /** Runs a tool to completion with {@code stdin} as its input. */
    static Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ToolContext context = new ToolContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            new StopSignal());
        int code = Main.run(args, context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a tool without input. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Starts a tool on another thread; {@link Running#stop()} ends it. */
    static Running start(String... args) {
        Running r = new Running();
        ToolContext context = new ToolContext(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new Locked(r.out), true, StandardCharsets.UTF_8),
            new PrintStream(new Locked(r.err), true, StandardCharsets.UTF_8), r.stop);
        Thread t = new Thread(() -> {
            try {
                r.exit.complete(Main.run(args, context));
            } catch (Throwable e) {
                r.exit.completeExceptionally(e);
            }
        }, "tool-" + args[0]);
        t.setDaemon(true);
        t.start();
        return r;
    }

    /** A local port nothing listens on (it was free a moment ago). */
    static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Writes to a buffer under its lock, so the test thread can read while the tool writes. */
    private static final class Locked extends java.io.OutputStream {
        private final ByteArrayOutputStream target;

        Locked(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            synchronized (target) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) {
                target.write(b, off, len);
            }
        }
    }
}
