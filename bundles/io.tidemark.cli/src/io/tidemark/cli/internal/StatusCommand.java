/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark status [ACCOUNT]}: what the replica holds, from the store alone (no network). */
@Command(name = "status", description = "Per mailbox of the replica: messages, unread, last sync, strategy, pending "
        + "local changes. Reads the store only (no network).")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ACCOUNT", description = "Only this account.")
    String account;

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        MailStore store = ctx.wiring().store();
        List<AccountConfig> accounts = new ArrayList<>();
        if (account != null) {
            AccountId id = account.contains("://") ? ctx.account(account).id() : AccountId.of(account);
            Optional<AccountConfig> a = store.account(id);
            if (a.isEmpty()) {
                throw Failure.of(ExitCode.NOT_FOUND, "account '" + id + "' is not in the store at "
                        + ctx.wiring().location() + " (it has never been synced: run 'tidemark sync " + id + "')");
            }
            accounts.add(a.get());
        } else {
            accounts.addAll(store.accounts());
        }
        JsonArray json = new JsonArray();
        if (!ctx.json()) {
            ctx.out().println("Store: " + store.location());
            if (accounts.isEmpty()) {
                ctx.out().println("No accounts synced yet. Try: tidemark demo, or tidemark sync imaps://user@host");
            }
        }
        for (AccountConfig a : accounts) {
            Map<MailboxName, Integer> pending = new HashMap<>();
            List<JournalEntry> journal = store.journal(a.id());
            for (JournalEntry e : journal) {
                pending.merge(e.mailbox().name(), 1, Integer::sum);
            }
            JsonArray boxes = new JsonArray();
            Format.Table t = new Format.Table(new String[] { "MAILBOX", "MESSAGES", "UNREAD", "LAST SYNC", "STRATEGY",
                    "PENDING" }, false, true, true, false, false, true);
            for (MailboxRecord m : store.mailboxes(a.id())) {
                Optional<MailboxSyncState> s = store.syncState(m.ref());
                int p = pending.getOrDefault(m.ref().name(), 0);
                if (!m.synced() && s.isEmpty() && p == 0) {
                    continue;
                }
                MailboxCounts c = store.counts(m.ref());
                String strategy = s.map(MailboxSyncState::lastStrategy).orElse(null);
                t.row(m.ref().name(), Format.count(c.messages()), Format.count(c.unseen()),
                        Format.dateTime(s.map(MailboxSyncState::lastSync).orElse(null)),
                        strategy == null ? "-" : strategy, p);
                JsonObject b = new JsonObject();
                b.addProperty("mailbox", m.ref().name().value());
                b.addProperty("messages", c.messages());
                b.addProperty("unread", c.unseen());
                s.map(MailboxSyncState::lastSync).ifPresent(x -> b.addProperty("lastSync", x.toString()));
                if (strategy != null) {
                    b.addProperty("strategy", strategy);
                }
                s.ifPresent(x -> b.addProperty("uidValidity", x.uidValidity()));
                b.addProperty("pending", p);
                b.addProperty("subscribed", m.subscribed());
                boxes.add(b);
            }
            if (ctx.json()) {
                JsonObject o = new JsonObject();
                o.addProperty("account", a.id().value());
                o.addProperty("host", a.host());
                o.addProperty("port", a.port());
                o.addProperty("user", a.user());
                o.addProperty("security", a.security().name());
                o.addProperty("pending", journal.size());
                o.add("mailboxes", boxes);
                json.add(o);
            } else {
                ctx.out().println();
                ctx.out().printf("Account '%s' (%s@%s:%d, %s): %d pending local change%s%n", a.id(), a.user(), a.host(),
                        a.port(), a.security(), journal.size(), journal.size() == 1 ? "" : "s");
                ctx.out().print(t);
            }
        }
        if (ctx.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("store", store.location());
            o.add("accounts", json);
            ctx.out().println(Reports.GSON.toJson(o));
        }
        return 0;
    }
}
