/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The Equinox application behind {@code ./tidemark}: hands the command line to {@link TidemarkCommand} and
 * returns its exit code, which the launcher passes on to the shell.
 */
public final class TidemarkApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return TidemarkCommand.run(args, out, err);
    }

    @Override
    public void stop() {
        // commands end on their own; a running sync is canceled through its monitor (Ctrl-C hook)
    }
}
