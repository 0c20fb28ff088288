package io.tributary.cli;

/** One command-line tool: its name, its flags and what it does. Implementations are stateless. */
public interface Tool {
    /** The name on the command line ({@code console-producer}). */
    String name();

    /** One line saying what the tool does, for the tool list. */
    String summary();

    /** The flags the tool accepts. */
    FlagSpec flags();

    /**
     * Runs the tool.
     *
     * @return the exit code (0 for success)
     * @throws UsageException for a wrong command line (exit 2, with the usage)
     * @throws ToolException  for a failure the user can act on (exit 1)
     * @throws Exception      anything else (exit 1, printed as one line)
     */
    int run(ParsedFlags flags, ToolContext context) throws Exception;
}
