/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;

import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;

/** Runs one sync with progress display and Ctrl-C handling: what {@code sync}, {@code folders} and the demo share. */
final class Syncs {

    private Syncs() {
    }

    /**
     * @return the result
     * @throws CoreException as {@code SyncService.sync}, {@code CANCEL} after Ctrl-C
     */
    static SyncResult run(Context ctx, SyncRequest request, Progress.Mode mode) throws CoreException {
        Wiring w = ctx.wiring();
        var engine = w.sync();
        try (StaleLeases.Note note = StaleLeases.claim(ctx, w.store(), request.account().id());
                Progress p = new Progress(ctx.env(), mode, request.account().id()).start(w.store());
                Interrupts.Registration r = ctx.env().interrupts().onInterrupt(() -> {
                    p.message("tidemark: interrupt: canceling the sync of '" + request.account().id()
                            + "'; what is committed stays (press Ctrl-C again to stop at once)");
                    p.setCanceled(true);
                })) {
            return engine.sync(request, p);
        }
    }

    /** Prints one line per failed mailbox to standard error. */
    static void printProblems(Context ctx, SyncResult r) {
        if (r.status().matches(IStatus.ERROR | IStatus.CANCEL)) {
            for (IStatus c : r.status().getChildren()) {
                if (c.matches(IStatus.ERROR | IStatus.CANCEL)) {
                    ctx.err().println("tidemark: error: " + Failures.oneLine(c.getMessage()));
                }
            }
            if (r.status().getChildren().length == 0) {
                ctx.err().println("tidemark: error: " + Failures.oneLine(r.status().getMessage()));
            }
        } else if (ctx.verbose()) {
            for (IStatus c : r.status().getChildren()) {
                ctx.err().println("tidemark: " + (c.matches(IStatus.WARNING) ? "warning: " : "") + c.getMessage());
            }
        }
    }
}
