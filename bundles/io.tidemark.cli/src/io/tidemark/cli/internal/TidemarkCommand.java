/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root of the {@code tidemark} command line: global options (inherited by every sub-command, so they may
 * appear anywhere) and the sub-commands.
 */
@Command(name = "tidemark", mixinStandardHelpOptions = true, versionProvider = TidemarkCommand.Version.class,
        description = "Keeps local replicas of IMAP mailboxes in exact two-way sync.",
        subcommands = { SyncCommand.class, WatchCommand.class, StatusCommand.class, LsCommand.class,
                FoldersCommand.class, VerifyCommand.class, AccountsCommand.class, DemoCommand.class,
                MarkCommand.class, DeleteCommand.class, MoveCommand.class, CommandLine.HelpCommand.class },
        footerHeading = "%n", footer = TidemarkCommand.FOOTER)
public final class TidemarkCommand implements Runnable {

    static final String FOOTER = "Accounts live in $XDG_CONFIG_HOME/tidemark/config (see docs/cli.md); the store "
            + "defaults to an H2 database in $TIDEMARK_DATA (~/.local/share/tidemark).%n"
            + "Passwords: --password-command, $TIDEMARK_PASSWORD_<ACCOUNT> or $TIDEMARK_PASSWORD, secure storage "
            + "('accounts add'), else a prompt.%n%n" + "@@EXIT@@";

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: $XDG_CONFIG_HOME/tidemark/config).")
    Path configFile;

    @Option(names = "--store", paramLabel = "PATH|JDBC-URL", scope = ScopeType.INHERIT,
            description = "Store: a folder for an H2 database, or jdbc:postgresql://host/db?user=NAME.")
    String store;

    @Option(names = "--password-command", paramLabel = "CMD", scope = ScopeType.INHERIT,
            description = "Command whose first output line is the password (like mbsync's PassCmd).")
    String passwordCommand;

    @Option(names = "--allow-insecure", scope = ScopeType.INHERIT,
            description = "Allow imap+plain:// URLs (no TLS; loopback tests only).")
    boolean allowInsecure;

    @Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT, description = "Print only errors.")
    boolean quiet;

    @Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT,
            description = "More detail, and stack traces of errors.")
    boolean verbose;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output on stdout.")
    boolean json;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", scope = ScopeType.INHERIT,
            description = "How to show progress (default: a bar on a terminal, lines otherwise; none with --quiet or --json).")
    String progress = "auto";

    private CommandLine.Model.CommandSpec spec;
    private Environment env;
    private Context context;

    TidemarkCommand(Environment env) {
        this.env = env;
    }

    @CommandLine.Spec
    void setSpec(CommandLine.Model.CommandSpec s) {
        spec = s;
    }

    @Override
    public void run() {
        // no sub-command given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the run's context (created on first use, after the options are parsed) */
    Context context() {
        if (context == null) {
            context = new Context(env, this);
        }
        return context;
    }

    /** @return the root command of a sub-command's spec */
    static Context context(CommandLine.Model.CommandSpec spec) {
        return ((TidemarkCommand) spec.root().userObject()).context();
    }

    /**
     * Parses and runs a command line.
     *
     * @param args the arguments after the program name
     * @param env where the command runs
     * @return the process exit code
     */
    public static int run(String[] args, Environment env) {
        TidemarkCommand root = new TidemarkCommand(env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(env.out());
        cl.setErr(env.err());
        String footer = cl.getCommandSpec().usageMessage().footer()[0].replace("@@EXIT@@", ExitCode.table());
        cl.getCommandSpec().usageMessage().footer(footer);
        cl.setParameterExceptionHandler((ex, a) -> {
            env.err().println("tidemark: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            env.err().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> report(root, env, ex));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            if (root.context != null) {
                root.context.close();
            }
        }
        env.out().flush();
        env.err().flush();
        return code;
    }

    /** Prints a failure as one line (a stack trace only with --verbose) and returns its exit code. */
    static int report(TidemarkCommand root, Environment env, Exception ex) {
        Failure f = ex instanceof Failure fl ? fl
                : ex instanceof org.eclipse.core.runtime.CoreException ce ? Failures.of(ce)
                        : new Failure(ExitCode.INTERNAL, "unexpected error: " + ex, ex);
        String prefix = f.exitCode() == ExitCode.CANCELED ? "tidemark: interrupted: " : "tidemark: error: ";
        env.err().println(prefix + Failures.oneLine(f.getMessage()));
        if (root.verbose && f.getCause() != null) {
            StringWriter sw = new StringWriter();
            f.getCause().printStackTrace(new PrintWriter(sw));
            env.err().print(sw);
        } else if (f.exitCode() == ExitCode.INTERNAL && f.getCause() != null) {
            env.err().println("tidemark: run again with --verbose for the stack trace, and please report it");
        }
        env.err().flush();
        return f.exitCode().code();
    }

    /** Reads the version from the bundle. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(TidemarkCommand.class);
            return new String[] { "tidemark " + (b == null ? "(development)" : b.getVersion().toString()),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")" };
        }
    }
}
