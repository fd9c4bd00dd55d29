/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The Equinox application behind {@code ./tidemark}: builds the {@link Environment} of this process (data and
 * configuration folders, terminal, Ctrl-C), quiets the libraries' logging to one-line warnings, hands the command
 * line to {@link TidemarkCommand} and returns its exit code, which the launcher passes on to the shell.
 */
public final class TidemarkApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        quietLibraries(verbose);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8), true);
        var env = System.getenv();
        Environment e = new Environment(env, Environment.dataDir(System.getProperty("tidemark.data"), env),
                Environment.configDir(System.getProperty("tidemark.config"), env), Path.of("").toAbsolutePath(), out,
                err, Terminal.system(), Interrupts.system(),
                FrameworkUtil.getBundle(TidemarkApplication.class).getBundleContext(), null);
        return TidemarkCommand.run(args, e);
    }

    @Override
    public void stop() {
        // commands end on their own; a running sync is canceled through its monitor (Ctrl-C)
    }

    /**
     * The engine, EclipseLink, H2 and GreenMail log through java.util.logging and slf4j-simple; a command line
     * shows their warnings as one line each, and details (stack traces, info) only with --verbose.
     */
    static void quietLibraries(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler h = new ConsoleHandler();
        h.setLevel(verbose ? Level.INFO : Level.WARNING);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: "
                        : r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
                StringBuilder sb = new StringBuilder("tidemark: ").append(level)
                        .append(Failures.oneLine(formatMessage(r))).append(System.lineSeparator());
                if (verbose && r.getThrown() != null) {
                    java.io.StringWriter sw = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(sw));
                    sb.append(sw);
                }
                return sb.toString();
            }
        });
        root.addHandler(h);
        root.setLevel(verbose ? Level.INFO : Level.WARNING);
    }
}
