/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tidemark mark ACCOUNT FOLDER UID... --read|--unread|--flag|--unflag|--keyword K|--remove-keyword K}. */
@Command(name = "mark", description = "Mark messages read or unread, flagged or not, add or remove keywords: a local "
        + "change, sent at the next sync (or now with --sync).")
final class MarkCommand extends LocalChangeCommand implements Callable<Integer> {

    @Option(names = "--read")
    boolean read;

    @Option(names = "--unread")
    boolean unread;

    @Option(names = "--flag")
    boolean flag;

    @Option(names = "--unflag")
    boolean unflag;

    @Option(names = "--keyword", paramLabel = "K", description = "Add a keyword (repeatable), e.g. $Work.")
    List<String> keywords = new ArrayList<>();

    @Option(names = "--remove-keyword", paramLabel = "K", description = "Remove a keyword (repeatable).")
    List<String> removeKeywords = new ArrayList<>();

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        if (read && unread || flag && unflag) {
            throw Failure.of(ExitCode.USAGE, "--read/--unread and --flag/--unflag exclude each other");
        }
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (read) {
            add.add(SystemFlag.SEEN.atom());
            what.add("read");
        }
        if (unread) {
            remove.add(SystemFlag.SEEN.atom());
            what.add("unread");
        }
        if (flag) {
            add.add(SystemFlag.FLAGGED.atom());
            what.add("flagged");
        }
        if (unflag) {
            remove.add(SystemFlag.FLAGGED.atom());
            what.add("not flagged");
        }
        for (String k : keywords) {
            checkKeyword(k);
            add.add(k);
            what.add("+" + k);
        }
        for (String k : removeKeywords) {
            checkKeyword(k);
            remove.add(k);
            what.add("-" + k);
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw Failure.of(ExitCode.USAGE, "say what to mark: --read, --unread, --flag, --unflag, --keyword K or "
                    + "--remove-keyword K");
        }
        UidSet set = uidSet();
        MailboxRef ref = mailbox(ctx);
        ctx.wiring().localChanges().setFlags(ref, set, Flags.of(add), Flags.of(remove));
        return done(ctx, ref, "mark " + plural(set.size(), "message") + " of " + ref.name() + " "
                + String.join(", ", what));
    }

    private static void checkKeyword(String k) {
        if (k.isEmpty() || k.startsWith("\\") || !k.matches("[\\x21-\\x7e&&[^(){%*\"\\\\\\]]]+")) {
            throw Failure.of(ExitCode.USAGE, "not a keyword: '" + k + "' (an IMAP atom such as $Work or Later)");
        }
    }
}
