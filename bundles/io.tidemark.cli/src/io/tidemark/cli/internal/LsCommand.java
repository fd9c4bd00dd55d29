/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.stream.JsonWriter;

import io.tidemark.model.Address;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark ls ACCOUNT FOLDER [--page N] [--page-size N] [--json]}: the replica's messages, newest first. */
@Command(name = "ls", description = { "The messages of a mailbox in the replica, newest first: UID, flags (S seen, "
        + "A answered, F flagged, D draft, X deleted) and keywords, date, sender, subject, size.",
        "One page at a time; --json gives every message." })
final class LsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT")
    String account;

    @Parameters(index = "1", paramLabel = "FOLDER")
    String folder;

    @Option(names = "--page", paramLabel = "N", description = "Page to show, from 1 (default 1).")
    int page = 1;

    @Option(names = "--page-size", paramLabel = "N", description = "Messages per page (default 50).")
    int pageSize = 50;

    @Override
    public Integer call() throws CoreException, IOException {
        Context ctx = TidemarkCommand.context(spec);
        if (page < 1 || pageSize < 1) {
            throw Failure.of(ExitCode.USAGE, "--page and --page-size must be at least 1");
        }
        MailStore store = ctx.wiring().store();
        MailboxRef ref = new MailboxRef(account.contains("://") ? ctx.account(account).id()
                : io.tidemark.model.AccountId.of(account), MailboxName.of(folder));
        if (store.mailbox(ref).isEmpty()) {
            throw Failure.of(ExitCode.NOT_FOUND, "account '" + ref.account() + "', mailbox '" + ref.name()
                    + "': not in the store at " + ctx.wiring().location() + " (sync it first, or check the name with "
                    + "'tidemark status')");
        }
        MailboxCounts counts = store.counts(ref);
        if (ctx.json()) {
            json(ctx, store, ref);
            return 0;
        }
        long pages = Math.max(1, (counts.messages() + pageSize - 1) / pageSize);
        List<MessageRecord> rows = store.page(ref, MessageOrder.DATE_DESC, (int) Math.min(Integer.MAX_VALUE,
                (long) (page - 1) * pageSize), pageSize);
        int width = ctx.env().terminal().width();
        Format.Table t = new Format.Table(new String[] { "UID", "FLAGS", "DATE", "FROM", "SUBJECT", "SIZE" }, true,
                false, false, false, false, true);
        int subject = Math.max(20, width - 70);
        for (MessageRecord m : rows) {
            t.row(m.uid(), Format.flags(m.flags()), Format.dateTime(date(m)), Format.cut(sender(m), 24),
                    Format.cut(m.envelope().subject(), subject), Format.bytes(m.size()));
        }
        ctx.out().print(t);
        ctx.out().printf("%s: page %d of %d (%s messages, %s unread)%s%n", ref.name(), page, pages,
                Format.count(counts.messages()), Format.count(counts.unseen()),
                page < pages ? "; next: tidemark ls " + account + " " + quoteArg(folder) + " --page " + (page + 1) : "");
        return 0;
    }

    private static java.time.Instant date(MessageRecord m) {
        return m.internalDate() != null ? m.internalDate() : m.envelope().date();
    }

    private static String sender(MessageRecord m) {
        Address a = m.envelope().firstFrom();
        if (a == null) {
            return "";
        }
        return a.name() != null && !a.name().isBlank() ? a.name() : a.email();
    }

    private static String quoteArg(String s) {
        return s.matches("[A-Za-z0-9._/@+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Streams every visible message as a JSON array, a page of the store at a time. */
    private static void json(Context ctx, MailStore store, MailboxRef ref) throws CoreException, IOException {
        JsonWriter w = new JsonWriter(ctx.out());
        w.setIndent("  ");
        w.beginArray();
        int chunk = 1000;
        for (int offset = 0;; offset += chunk) {
            List<MessageRecord> rows = store.page(ref, MessageOrder.DATE_DESC, offset, chunk);
            for (MessageRecord m : rows) {
                w.beginObject();
                w.name("uid").value(m.uid());
                w.name("flags").beginArray();
                for (SystemFlag f : SystemFlag.values()) {
                    if (m.flags().has(f)) {
                        w.value(f.atom());
                    }
                }
                w.endArray();
                w.name("keywords").beginArray();
                for (String k : new java.util.TreeSet<>(m.flags().keywords())) {
                    w.value(k);
                }
                w.endArray();
                java.time.Instant d = date(m);
                if (d != null) {
                    w.name("date").value(d.toString());
                }
                Address a = m.envelope().firstFrom();
                if (a != null) {
                    w.name("from").beginObject();
                    if (a.name() != null) {
                        w.name("name").value(a.name());
                    }
                    w.name("address").value(a.email());
                    w.endObject();
                }
                w.name("subject").value(m.envelope().subject());
                w.name("size").value(m.size());
                if (m.messageId() != null) {
                    w.name("messageId").value(m.messageId());
                }
                w.endObject();
            }
            if (rows.size() < chunk) {
                break;
            }
        }
        w.endArray();
        w.flush();
        ctx.out().println();
    }
}
