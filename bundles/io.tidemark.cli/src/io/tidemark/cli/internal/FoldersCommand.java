/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.sync.api.LocalChanges;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark folders ACCOUNT [--subscribe F]... [--unsubscribe F]...}. */
@Command(name = "folders", description = { "List the server's mailboxes with their subscription and whether they are "
        + "synced (the account's 'folders' setting decides).",
        "--subscribe and --unsubscribe go through the journal of local changes like any other change, and are sent "
                + "to the server at once." })
final class FoldersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT|URL")
    String account;

    @Option(names = "--subscribe", paramLabel = "FOLDER", description = "Subscribe to this mailbox (repeatable).")
    List<String> subscribe = new ArrayList<>();

    @Option(names = "--unsubscribe", paramLabel = "FOLDER", description = "Unsubscribe from this mailbox (repeatable).")
    List<String> unsubscribe = new ArrayList<>();

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        Context.Account a = ctx.account(account);
        Wiring w = ctx.wiring();
        List<MailboxInfo> listed;
        try (Progress p = new Progress(ctx.env(), Progress.Mode.NONE, a.id());
                Interrupts.Registration r = ctx.env().interrupts().onInterrupt(() -> p.setCanceled(true))) {
            listed = w.sync().folders(a.config(), a.credentials(), p);
        }
        if (!subscribe.isEmpty() || !unsubscribe.isEmpty()) {
            return change(ctx, a, listed);
        }
        Map<MailboxName, MailboxRecord> stored = new HashMap<>();
        for (MailboxRecord r : w.store().mailboxes(a.id())) {
            stored.put(r.ref().name(), r);
        }
        JsonArray json = new JsonArray();
        Format.Table t = new Format.Table(new String[] { "MAILBOX", "SUBSCRIBED", "SYNCED", "MESSAGES", "SPECIAL USE" },
                false, false, false, true, false);
        for (MailboxInfo i : listed) {
            MailboxRecord rec = stored.get(i.name());
            boolean synced = i.selectable() && switch (a.config().folders().mode()) {
                case ALL -> true;
                case SUBSCRIBED -> i.name().isInbox() || i.subscribed();
                case LISTED -> a.config().folders().names().contains(i.name());
            };
            long messages = rec == null ? -1 : w.store().counts(rec.ref()).messages();
            String use = i.specialUse().map(Enum::name).orElse("");
            t.row(i.name(), i.subscribed() ? "yes" : "no", !i.selectable() ? "(not selectable)" : synced ? "yes" : "no",
                    messages < 0 ? "-" : Format.count(messages), use);
            JsonObject o = new JsonObject();
            o.addProperty("mailbox", i.name().value());
            o.addProperty("subscribed", i.subscribed());
            o.addProperty("selectable", i.selectable());
            o.addProperty("synced", synced);
            if (messages >= 0) {
                o.addProperty("messages", messages);
            }
            if (!use.isEmpty()) {
                o.addProperty("specialUse", use);
            }
            json.add(o);
        }
        if (ctx.json()) {
            ctx.out().println(Reports.GSON.toJson(json));
        } else {
            ctx.out().print(t);
        }
        return 0;
    }

    private int change(Context ctx, Context.Account a, List<MailboxInfo> listed) throws CoreException {
        LocalChanges local = ctx.wiring().localChanges();
        List<String> done = new ArrayList<>();
        for (String[] pair : pairs()) {
            MailboxName name = MailboxName.of(pair[0]);
            if (listed.stream().noneMatch(i -> i.name().equals(name))) {
                throw Failure.of(ExitCode.FOLDER_NOT_FOUND, "account '" + a.id() + "', mailbox '" + name
                        + "': the server has no such mailbox");
            }
            MailboxRef ref = new MailboxRef(a.id(), name);
            if (ctx.wiring().store().mailbox(ref).isEmpty()) {
                throw Failure.of(ExitCode.NOT_FOUND, "account '" + a.id() + "' has not been synced yet; run "
                        + "'tidemark sync " + a.id() + "' first (subscriptions are local changes of the replica)");
            }
            boolean on = pair[1] != null;
            local.subscribe(ref, on);
            done.add((on ? "subscribed to " : "unsubscribed from ") + name);
        }
        SyncResult r = Syncs.run(ctx, SyncRequest.of(a.config(), a.credentials()).replayOnly(), Progress.Mode.NONE);
        Syncs.printProblems(ctx, r);
        if (!ctx.quiet()) {
            ctx.out().println("Account '" + a.id() + "': " + String.join(", ", done) + ".");
        }
        return Failures.exitCode(r.status()).code();
    }

    private List<String[]> pairs() {
        List<String[]> out = new ArrayList<>();
        subscribe.forEach(s -> out.add(new String[] { s, "on" }));
        unsubscribe.forEach(s -> out.add(new String[] { s, null }));
        return out;
    }
}
