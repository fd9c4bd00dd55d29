/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.IStatus;

import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark watch ACCOUNT [--folder INBOX]}: stay connected and sync on every push until Ctrl-C. */
@Command(name = "watch", description = { "Sync the account, then stay connected (IMAP IDLE on one mailbox) and sync "
        + "again whenever the server pushes a change; reconnects with backoff.",
        "One line per sync. Ctrl-C stops cleanly (exit code 0)." })
final class WatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT|URL")
    String account;

    @Option(names = "--folder", paramLabel = "FOLDER", description = "The mailbox to watch (default INBOX).")
    String folder = "INBOX";

    @Override
    public Integer call() {
        Context ctx = TidemarkCommand.context(spec);
        Context.Account a = ctx.account(account);
        MailboxName mailbox = MailboxName.of(folder);
        var engine = ctx.wiring().sync();
        ctx.wiring().store();
        if (!ctx.quiet() && !ctx.json()) {
            ctx.err().println("tidemark: watching account '" + a.id() + "', mailbox " + mailbox
                    + " (Ctrl-C to stop)");
            ctx.err().flush();
        }
        IStatus status;
        try (StaleLeases.Note note = StaleLeases.claim(ctx, ctx.wiring().store(), a.id());
                Progress p = new Progress(ctx.env(), Progress.Mode.NONE, a.id());
                Interrupts.Registration r = ctx.env().interrupts().onInterrupt(() -> {
                    ctx.err().println("tidemark: interrupt: stopping the watch of '" + a.id() + "'");
                    ctx.err().flush();
                    p.setCanceled(true);
                })) {
            status = engine.watch(SyncRequest.of(a.config(), a.credentials()), mailbox, result -> print(ctx, result), p);
            if (p.isCanceled()) {
                if (!ctx.quiet()) {
                    ctx.err().println("tidemark: stopped watching '" + a.id() + "'; the store is consistent");
                }
                return 0;
            }
        }
        if (status.isOK() || status.getSeverity() == IStatus.CANCEL) {
            return 0;
        }
        ExitCode code = Failures.exitCode(status);
        ctx.err().println("tidemark: error: watch of '" + a.id() + "' ended: "
                + Failures.oneLine(Failures.worst(status).map(IStatus::getMessage).orElse(status.getMessage())));
        return (code == ExitCode.OK ? ExitCode.INTERNAL : code).code();
    }

    private static void print(Context ctx, SyncResult r) {
        synchronized (ctx.out()) {
            if (ctx.json()) {
                var o = Reports.json(r, Failures.exitCode(r.status()));
                ctx.out().println(new com.google.gson.Gson().toJson(o));
            } else if (!ctx.quiet()) {
                Reports.Totals sum = Reports.Totals.of(r);
                ctx.out().printf("%s synced '%s': %d new, %d changed, %d vanished, %d moved, %d sent; %s in, %s out, "
                        + "%d commands, %s%n", LocalTime.now().format(TIME), r.account(), sum.added(), sum.changed(),
                        sum.vanished(), sum.moved() + sum.kept(), sum.sent(), Format.bytes(r.traffic().bytesIn()),
                        Format.bytes(r.traffic().bytesOut()), r.traffic().commands(), Format.duration(r.duration()));
            }
            ctx.out().flush();
            if (!r.status().isOK()) {
                Syncs.printProblems(ctx, r);
            }
        }
    }
}
