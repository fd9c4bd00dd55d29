/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import picocli.CommandLine.Command;

/** {@code tidemark delete ACCOUNT FOLDER UID...}. */
@Command(name = "delete", description = "Delete messages: hidden in the replica at once; at the next sync (or now "
        + "with --sync) marked \\Deleted and expunged by UID, exactly those messages.")
final class DeleteCommand extends LocalChangeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        UidSet set = uidSet();
        MailboxRef ref = mailbox(ctx);
        ctx.wiring().localChanges().delete(ref, set);
        return done(ctx, ref, "delete " + plural(set.size(), "message") + " of " + ref.name());
    }
}
