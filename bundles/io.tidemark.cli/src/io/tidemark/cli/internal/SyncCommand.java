/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.model.BodyPolicy;
import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark sync [ACCOUNT|URL] [--folder F]... [--bodies headers|full|max=SIZE]}. */
@Command(name = "sync", description = { "Sync one account (by name or URL, e.g. imaps://alice@imap.example.com), or "
        + "every configured account: send local changes, then bring server changes into the replica.",
        "Prints the per-mailbox summary: strategy, new/changed/vanished/moved, local changes sent, bytes in/out, "
                + "commands, time." })
final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ACCOUNT|URL", description = "Account name or URL (default: every configured account).")
    String target;

    @Option(names = "--folder", paramLabel = "FOLDER", description = "Sync only this mailbox (repeatable).")
    List<String> folders = new ArrayList<>();

    @Option(names = "--bodies", paramLabel = "headers|full|max=SIZE",
            description = "What content to download this time (default: the account's setting, else headers).")
    String bodies;

    @Override
    public Integer call() {
        Context ctx = TidemarkCommand.context(spec);
        BodyPolicy policy = null;
        if (bodies != null) {
            try {
                policy = BodyPolicy.parse(bodies);
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, "--bodies: " + e.getMessage());
            }
        }
        List<MailboxName> names = new ArrayList<>();
        for (String f : folders) {
            names.add(MailboxName.of(f));
        }
        List<Context.Account> accounts = target == null ? ctx.allAccounts(false) : List.of(ctx.account(target));
        if (accounts.isEmpty()) {
            throw Failure.of(ExitCode.NOT_FOUND, "no accounts in " + ctx.configPath()
                    + "; add one with 'tidemark accounts add NAME URL', or give a URL: tidemark sync imaps://user@host");
        }
        ExitCode worst = ExitCode.OK;
        JsonArray json = new JsonArray();
        for (Context.Account a : accounts) {
            SyncRequest request = SyncRequest.of(a.config(), a.credentials());
            if (!names.isEmpty()) {
                request = request.onlyMailboxes(names);
            }
            if (policy != null) {
                request = request.withBodyPolicy(policy);
            }
            Instant t0 = Instant.now();
            ExitCode code;
            try {
                SyncResult r = Syncs.run(ctx, request, ctx.progressMode());
                code = Failures.exitCode(r.status());
                if (ctx.json()) {
                    json.add(Reports.json(r, code));
                } else if (!ctx.quiet()) {
                    Reports.print(ctx.out(), r);
                }
                Syncs.printProblems(ctx, r);
            } catch (CoreException e) {
                Failure f = Failures.of(e);
                code = f.exitCode();
                if (ctx.json()) {
                    json.add(Reports.json(a.id(), f, Duration.between(t0, Instant.now())));
                }
                if (accounts.size() == 1 && !ctx.json()) {
                    throw f;
                }
                TidemarkCommand.report((TidemarkCommand) spec.root().userObject(), ctx.env(), f);
            }
            if (worst == ExitCode.OK) {
                worst = code;
            }
            if (code == ExitCode.CANCELED) {
                break;
            }
        }
        if (ctx.json()) {
            JsonObject o = new JsonObject();
            o.add("accounts", json);
            o.addProperty("exitCode", worst.code());
            ctx.out().println(Reports.GSON.toJson(o));
        }
        return worst.code();
    }
}
