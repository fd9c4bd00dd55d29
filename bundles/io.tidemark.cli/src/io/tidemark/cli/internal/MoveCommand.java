/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tidemark move ACCOUNT FOLDER UID... --to TARGET}. */
@Command(name = "move", description = "Move messages to another mailbox of the account: hidden here at once, moved on "
        + "the server at the next sync (or now with --sync) and relinked without downloading them again.")
final class MoveCommand extends LocalChangeCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "The mailbox to move them to.")
    String target;

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        UidSet set = uidSet();
        MailboxRef ref = mailbox(ctx);
        MailboxName to = MailboxName.of(target);
        if (ctx.wiring().store().mailbox(new MailboxRef(ref.account(), to)).isEmpty()) {
            throw Failure.of(ExitCode.NOT_FOUND, "account '" + ref.account() + "', mailbox '" + to
                    + "': no such mailbox in the store (see 'tidemark folders " + ref.account() + "')");
        }
        ctx.wiring().localChanges().move(ref, set, to);
        return done(ctx, ref, "move " + plural(set.size(), "message") + " of " + ref.name() + " to " + to);
    }
}
