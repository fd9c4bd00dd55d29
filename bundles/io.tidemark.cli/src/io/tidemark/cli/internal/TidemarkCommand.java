/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the {@code tidemark} command line.
 */
@Command(name = "tidemark", mixinStandardHelpOptions = true, versionProvider = TidemarkCommand.Version.class,
        description = "Keeps local replicas of IMAP mailboxes in exact two-way sync.",
        footer = "%nDocumentation: README.md and docs/ in the Tidemark source tree.")
public final class TidemarkCommand implements Runnable {

    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Spec
    void setSpec(CommandLine.Model.CommandSpec s) {
        spec = s;
    }

    @Override
    public void run() {
        // no sub-command given: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Parses and runs a command line.
     *
     * @param args the arguments after the program name
     * @param out standard output
     * @param err standard error
     * @return the process exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TidemarkCommand());
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Reads the version from the bundle. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(TidemarkCommand.class);
            return new String[] { "tidemark " + (b == null ? "(development)" : b.getVersion().toString()) };
        }
    }
}
