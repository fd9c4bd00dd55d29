/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;

import org.eclipse.core.runtime.IStatus;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.TrafficCounters;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncResult;

/** The per-mailbox summary of a sync, as a table for people and as JSON for scripts. */
final class Reports {

    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private Reports() {
    }

    /**
     * An account sync's totals over its mailboxes.
     *
     * @param moved messages moved between mailboxes
     * @param kept messages carried into a new UIDVALIDITY epoch (counted as moved by the engine's reports)
     * @param sent local changes sent to the server
     */
    record Totals(long added, long changed, long vanished, long moved, long kept, long sent) {

        static Totals of(SyncResult r) {
            long added = 0;
            long changed = 0;
            long vanished = 0;
            long moved = 0;
            long kept = 0;
            long sent = 0;
            for (SyncReport m : r.reports()) {
                added += m.added();
                changed += m.changed();
                vanished += m.vanished();
                if (m.uidValidityReset()) {
                    kept += m.moved();
                } else {
                    moved += m.moved();
                }
                sent += m.replayed();
            }
            return new Totals(added, changed, vanished, moved, kept, sent);
        }
    }

    /** Prints the summary table of one account's sync. */
    static void print(PrintWriter out, SyncResult r) {
        Totals sum = Totals.of(r);
        out.printf("Synced account '%s' in %s: %d mailbox%s, %s new, %s changed, %s vanished, %s moved%s; %s in, %s out,"
                + " %s commands%n", r.account(), Format.duration(r.duration()), r.reports().size(),
                r.reports().size() == 1 ? "" : "es", Format.count(sum.added()), Format.count(sum.changed()),
                Format.count(sum.vanished()), Format.count(sum.moved()),
                sum.kept() == 0 ? "" : ", " + Format.count(sum.kept()) + " kept across a UIDVALIDITY reset",
                Format.bytes(r.traffic().bytesIn()), Format.bytes(r.traffic().bytesOut()),
                Format.count(r.traffic().commands()));
        if (r.reports().isEmpty()) {
            return;
        }
        Format.Table t = new Format.Table(new String[] { "MAILBOX", "STRATEGY", "NEW", "CHANGED", "VANISHED", "MOVED",
                "SENT", "BYTES IN", "BYTES OUT", "CMDS", "TIME", "" }, false, false, true, true, true, true, true, true,
                true, true, true, false);
        for (SyncReport m : r.reports()) {
            t.row(m.mailbox().name(), m.strategy(), Format.count(m.added()), Format.count(m.changed()),
                    Format.count(m.vanished()), Format.count(m.moved()), Format.count(m.replayed()),
                    Format.bytes(m.traffic().bytesIn()), Format.bytes(m.traffic().bytesOut()),
                    Format.count(m.traffic().commands()), Format.duration(m.duration()), note(m));
        }
        out.print(t);
        out.flush(); // before any error line on standard error
    }

    private static String note(SyncReport m) {
        if (!m.ok()) {
            return "FAILED: " + Failures.oneLine(m.status().getMessage());
        }
        if (m.uidValidityReset()) {
            return "UIDVALIDITY reset: re-identified";
        }
        return m.status().matches(IStatus.WARNING) ? "warning: " + Failures.oneLine(m.status().getMessage()) : "";
    }

    /** @return the JSON of one account's sync */
    static JsonObject json(SyncResult r, ExitCode code) {
        JsonObject o = new JsonObject();
        o.addProperty("account", r.account().value());
        o.addProperty("exitCode", code.code());
        o.addProperty("status", code.name());
        if (!r.status().isOK()) {
            o.addProperty("message", Failures.oneLine(r.status().getMessage()));
        }
        o.addProperty("millis", r.duration().toMillis());
        o.add("traffic", traffic(r.traffic()));
        JsonArray boxes = new JsonArray();
        for (SyncReport m : r.reports()) {
            boxes.add(json(m));
        }
        o.add("mailboxes", boxes);
        return o;
    }

    /** @return the JSON of one mailbox's report */
    static JsonObject json(SyncReport m) {
        JsonObject b = new JsonObject();
        b.addProperty("mailbox", m.mailbox().name().value());
        b.addProperty("strategy", m.strategy().name());
        b.addProperty("added", m.added());
        b.addProperty("changed", m.changed());
        b.addProperty("vanished", m.vanished());
        b.addProperty("moved", m.moved());
        b.addProperty("replayed", m.replayed());
        b.addProperty("uidValidityReset", m.uidValidityReset());
        b.add("traffic", traffic(m.traffic()));
        b.addProperty("millis", m.duration().toMillis());
        b.addProperty("ok", m.ok());
        if (!m.status().isOK()) {
            b.addProperty("status", CodedStatus.find(m.status()).map(CodedStatus::codeName).orElse("WARNING"));
            b.addProperty("message", Failures.oneLine(m.status().getMessage()));
        }
        return b;
    }

    /** @return the JSON of an account whose sync failed before any mailbox */
    static JsonObject json(AccountId account, Failure f, Duration took) {
        JsonObject o = new JsonObject();
        o.addProperty("account", account.value());
        o.addProperty("exitCode", f.exitCode().code());
        o.addProperty("status", f.exitCode().name());
        o.addProperty("message", Failures.oneLine(f.getMessage()));
        o.addProperty("millis", took.toMillis());
        o.add("mailboxes", new JsonArray());
        return o;
    }

    static JsonObject traffic(TrafficCounters t) {
        JsonObject o = new JsonObject();
        o.addProperty("bytesIn", t.bytesIn());
        o.addProperty("bytesOut", t.bytesOut());
        o.addProperty("commands", t.commands());
        return o;
    }
}
