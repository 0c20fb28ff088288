package io.tributary.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a tool reads and writes: standard streams in a real process, captured ones in tests.
 *
 * @param in   standard input (console-producer's records)
 * @param out  standard output (the tool's results)
 * @param err  standard error (progress notes, warnings, errors)
 * @param stop fires when the tool should finish (Ctrl-C)
 */
public record ToolContext(InputStream in, PrintStream out, PrintStream err, StopSignal stop) {
    /** The process's own streams and a fresh stop signal. */
    public static ToolContext system() {
        return new ToolContext(System.in, System.out, System.err, new StopSignal());
    }
}
