/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.sync.api.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark verify ACCOUNT|URL}: log in, read the capabilities, change nothing. */
@Command(name = "verify", description = "Connect and log in, show the server's capabilities and the sync strategy "
        + "it allows; changes nothing, neither on the server nor in the store.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT|URL")
    String account;

    @Override
    public Integer call() throws CoreException {
        Context ctx = TidemarkCommand.context(spec);
        Context.Account a = ctx.account(account);
        VerifyResult v;
        try (Progress p = new Progress(ctx.env(), Progress.Mode.NONE, a.id());
                Interrupts.Registration r = ctx.env().interrupts().onInterrupt(() -> p.setCanceled(true))) {
            v = ctx.wiring().sync().verify(a.config(), a.credentials(), p);
        }
        if (ctx.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("account", a.id().value());
            o.addProperty("host", a.config().host());
            o.addProperty("port", a.config().port());
            o.addProperty("security", a.config().security().name());
            o.addProperty("user", a.config().user());
            o.addProperty("strategy", v.strategy().name());
            o.addProperty("millis", v.duration().toMillis());
            JsonArray caps = new JsonArray();
            v.capabilities().atoms().stream().sorted().forEach(caps::add);
            o.add("capabilities", caps);
            JsonArray enabled = new JsonArray();
            v.capabilities().enabled().stream().sorted().forEach(enabled::add);
            o.add("enabled", enabled);
            ctx.out().println(Reports.GSON.toJson(o));
        } else if (!ctx.quiet()) {
            ctx.out().printf("Logged in to %s:%d (%s) as %s in %s.%n", a.config().host(), a.config().port(),
                    a.config().security(), a.config().user(), Format.duration(v.duration()));
            ctx.out().println("Capabilities: " + v.capabilities());
            if (!v.capabilities().enabled().isEmpty()) {
                ctx.out().println("Enabled: " + String.join(" ", new java.util.TreeSet<>(v.capabilities().enabled())));
            }
            ctx.out().println("Sync strategy: " + v.strategy() + switch (v.strategy()) {
                case QRESYNC -> " (one SELECT finds every change)";
                case CONDSTORE -> " (HIGHESTMODSEQ short-cut, CHANGEDSINCE flag fetches)";
                default -> " (UIDNEXT/EXISTS short-cuts and windowed flag scans)";
            });
        }
        return 0;
    }
}
