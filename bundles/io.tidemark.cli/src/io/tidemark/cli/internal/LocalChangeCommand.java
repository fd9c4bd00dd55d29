/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.List;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code mark}, {@code delete} and {@code move} share: they record a change in the replica and the journal
 * of local changes through {@code LocalChanges} (no network), exactly as the views do; the next sync sends it,
 * or {@code --sync} at once.
 */
abstract class LocalChangeCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT")
    String account;

    @Parameters(index = "1", paramLabel = "FOLDER")
    String folder;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "UID", description = "UIDs or ranges: 12 13 20:25 (see 'tidemark ls').")
    List<String> uids;

    @Option(names = "--sync", description = "Send the change to the server now (else at the next sync).")
    boolean syncNow;

    /** @return the messages named on the command line */
    UidSet uidSet() {
        UidSet.Builder b = UidSet.builder();
        for (String u : uids) {
            try {
                b.addAll(UidSet.parse(u.strip()));
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, "not a UID or UID range: '" + u + "' (use 12, 12:20 or 12,14)");
            }
        }
        return b.build();
    }

    /** @return the mailbox named on the command line */
    MailboxRef mailbox(Context ctx) {
        AccountId id = account.contains("://") ? ctx.account(account).id() : AccountId.of(account);
        MailboxRef ref = new MailboxRef(id, MailboxName.of(folder));
        try {
            if (ctx.wiring().store().mailbox(ref).isEmpty()) {
                throw Failure.of(ExitCode.NOT_FOUND, "account '" + id + "', mailbox '" + ref.name()
                        + "': not in the store at " + ctx.wiring().location() + " (sync it first)");
            }
        } catch (CoreException e) {
            throw Failures.of(e);
        }
        return ref;
    }

    /** Prints what was queued, and sends it with {@code --sync}. */
    int done(Context ctx, MailboxRef ref, String what) throws CoreException {
        if (!syncNow) {
            if (!ctx.quiet()) {
                ctx.out().println("Queued: " + what + " (sent at the next sync).");
            }
            return 0;
        }
        Context.Account a = ctx.account(ref.account().value());
        SyncResult r = Syncs.run(ctx, SyncRequest.of(a.config(), a.credentials()).replayOnly(), Progress.Mode.NONE);
        Syncs.printProblems(ctx, r);
        ExitCode code = Failures.exitCode(r.status());
        if (!ctx.quiet() && code == ExitCode.OK) {
            ctx.out().println("Done: " + what + ".");
        }
        return code.code();
    }

    static String plural(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }
}
