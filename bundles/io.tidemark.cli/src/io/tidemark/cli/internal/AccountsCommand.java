/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.sync.api.SecretStore;
import io.tidemark.sync.api.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidemark accounts add|list|remove}. */
@Command(name = "accounts", description = "Add, list and remove the accounts of the configuration file.",
        subcommands = { AccountsCommand.Add.class, AccountsCommand.ListAccounts.class, AccountsCommand.Remove.class })
final class AccountsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code accounts add NAME [URL]}. */
    @Command(name = "add", description = { "Add an account to the configuration file, check that it can log in, and "
            + "save its password in Equinox secure storage.",
            "The password comes from --password-command (kept in the config, like mbsync's PassCmd), --password-env "
                    + "(the variable's name is kept), $TIDEMARK_PASSWORD, or a prompt (then saved in secure storage)." })
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The account's local name.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "URL",
                description = "imaps://user@host[:port], imap://user@host (STARTTLS) or imap+plain://user@host.")
        String url;

        @Option(names = "--host", paramLabel = "HOST")
        String host;

        @Option(names = "--port", paramLabel = "PORT")
        int port;

        @Option(names = "--security", paramLabel = "tls|starttls|none")
        String security;

        @Option(names = "--user", paramLabel = "USER")
        String user;

        @Option(names = "--folders", paramLabel = "subscribed|all|LIST",
                description = "Which mailboxes to sync (default subscribed).")
        String folders;

        @Option(names = "--bodies", paramLabel = "headers|full|max=SIZE", description = "What to download (default headers).")
        String bodies;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Take the password from this variable.")
        String passwordEnv;

        @Option(names = "--pinned-certificate", paramLabel = "SHA256",
                description = "Trust this server certificate (SHA-256 fingerprint) even if the JDK does not.")
        String pinned;

        @Option(names = "--no-verify", description = "Do not log in to check the account before adding it.")
        boolean noVerify;

        @Override
        public Integer call() throws CoreException, IOException {
            Context ctx = TidemarkCommand.context(spec);
            AccountId id;
            try {
                id = AccountId.of(name);
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, e.getMessage());
            }
            if (ctx.config().accounts().containsKey(id)) {
                throw Failure.of(ExitCode.USAGE, "account '" + id + "' exists already in " + ctx.configPath()
                        + " (line " + ctx.config().accounts().get(id).line() + "); remove it first");
            }
            List<String> lines = new ArrayList<>();
            AccountConfig.Builder b;
            try {
                if (url != null) {
                    if (host != null || user != null || security != null || port != 0) {
                        throw Failure.of(ExitCode.USAGE, "give either a URL or --host/--user/--port/--security");
                    }
                    b = AccountConfig.fromUrl(id.value(), url, ctx.allowInsecure());
                    lines.add("url = " + url);
                } else {
                    if (host == null || user == null) {
                        throw Failure.of(ExitCode.USAGE, "give a URL (imaps://user@host) or --host and --user");
                    }
                    b = AccountConfig.builder(id).host(host).user(user).port(port).allowInsecure(ctx.allowInsecure());
                    lines.add("host = " + host);
                    lines.add("user = " + user);
                    if (port != 0) {
                        lines.add("port = " + port);
                    }
                    if (security != null) {
                        b.security(switch (security.toLowerCase(Locale.ROOT)) {
                            case "tls" -> Security.TLS;
                            case "starttls" -> Security.STARTTLS;
                            case "none" -> Security.NONE;
                            default -> throw Failure.of(ExitCode.USAGE, "--security takes tls, starttls or none");
                        });
                        lines.add("security = " + security.toLowerCase(Locale.ROOT));
                    }
                }
                if (ctx.allowInsecure()) {
                    lines.add("allow-insecure = yes");
                }
                if (folders != null) {
                    FolderSelection sel = ConfigFile.folders(folders);
                    b.folders(sel);
                    lines.add("folders = " + folders);
                }
                if (bodies != null) {
                    b.bodyPolicy(BodyPolicy.parse(bodies));
                    lines.add("bodies = " + bodies);
                }
                if (pinned != null) {
                    b.pinnedCertificateSha256(pinned);
                    lines.add("pinned-certificate = " + pinned);
                }
                if (passwordEnv != null) {
                    if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw Failure.of(ExitCode.USAGE, "--password-env: not a variable name: '" + passwordEnv + "'");
                    }
                    lines.add("password-env = " + passwordEnv);
                }
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, e.getMessage());
            }
            AccountConfig account;
            try {
                account = b.build();
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, e.getMessage()
                        + (e.getMessage().contains("allowInsecure") ? " (add --allow-insecure)" : ""));
            }
            String command = ctx.passwordCommandOption();
            if (command != null) {
                lines.add("password-command = " + command);
            }
            // the secret to save: none when a command or a variable supplies it at every run
            boolean save = command == null && passwordEnv == null;
            char[] secret = null;
            try {
                CredentialsProvider credentials;
                if (save) {
                    Credentials c = new CliCredentials(ctx.env(), null, null, () -> null).credentials(account, false);
                    secret = c.secret();
                    c.destroy();
                    char[] s = secret;
                    credentials = (acc, failed) -> {
                        if (failed) {
                            throw io.tidemark.imap.api.ImapStatus.exception(io.tidemark.imap.api.ImapError.AUTHENTICATION,
                                    acc.id(), null, "the server rejected the password", null);
                        }
                        return new Credentials(acc.user(), s, acc.auth().usesToken());
                    };
                } else {
                    credentials = ctx.credentials(command, passwordEnv);
                }
                String checked = "";
                if (!noVerify) {
                    VerifyResult v;
                    try (Progress p = new Progress(ctx.env(), Progress.Mode.NONE, id);
                            Interrupts.Registration r = ctx.env().interrupts().onInterrupt(() -> p.setCanceled(true))) {
                        v = ctx.wiring().sync().verify(account, credentials, p);
                    }
                    checked = " Logged in (sync strategy " + v.strategy() + ").";
                }
                String where = "";
                if (save) {
                    SecretStore secrets = ctx.wiring().secrets();
                    secrets.save(account, secret);
                    where = " Password saved in secure storage (" + ctx.env().configDir().resolve("secure-storage") + ").";
                } else {
                    where = command != null ? " Password from the command given." : " Password from $" + passwordEnv + ".";
                }
                ConfigFile.appendAccount(ctx.configPath(), id, lines);
                if (!ctx.quiet()) {
                    ctx.out().println("Added account '" + id + "' (" + account.user() + "@" + account.host() + ":"
                            + account.port() + ", " + account.security() + ") to " + ctx.configPath() + "." + checked
                            + where);
                }
                return 0;
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        }
    }

    /** {@code accounts list}. */
    @Command(name = "list", description = "The configured accounts, and those the store holds from URL syncs.")
    static final class ListAccounts implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws CoreException {
            Context ctx = TidemarkCommand.context(spec);
            MailStore store = ctx.wiring().store();
            SecretStore secrets = ctx.secretsOrNull();
            Format.Table t = new Format.Table(new String[] { "ACCOUNT", "SERVER", "SECURITY", "FOLDERS", "BODIES",
                    "PASSWORD", "LAST SYNC" });
            JsonArray json = new JsonArray();
            for (Context.Account a : ctx.allAccounts(true)) {
                AccountConfig c = a.config();
                ConfigFile.Account cf = ctx.config().accounts().get(c.id());
                String secret = cf != null && cf.passwordCommand() != null ? "command"
                        : cf != null && cf.passwordEnv() != null ? "$" + cf.passwordEnv()
                                : secrets != null && secrets.has(c.id()) ? "saved" : "prompt";
                java.time.Instant last = null;
                if (store.account(c.id()).isPresent()) {
                    for (MailboxRecord m : store.mailboxes(c.id())) {
                        Optional<MailboxSyncState> s = store.syncState(m.ref());
                        if (s.isPresent() && s.get().lastSync() != null
                                && (last == null || s.get().lastSync().isAfter(last))) {
                            last = s.get().lastSync();
                        }
                    }
                }
                String folders = switch (c.folders().mode()) {
                    case ALL -> "all";
                    case SUBSCRIBED -> "subscribed";
                    case LISTED -> String.join(", ", c.folders().names().stream().map(MailboxName::value).toList());
                };
                t.row(c.id() + (a.origin().equals("store") ? " (store)" : ""), c.user() + "@" + c.host() + ":" + c.port(),
                        c.security(), folders, c.bodyPolicy(), secret, Format.dateTime(last));
                JsonObject o = new JsonObject();
                o.addProperty("account", c.id().value());
                o.addProperty("origin", a.origin());
                o.addProperty("host", c.host());
                o.addProperty("port", c.port());
                o.addProperty("user", c.user());
                o.addProperty("security", c.security().name());
                o.addProperty("folders", folders);
                o.addProperty("bodies", c.bodyPolicy().toString());
                o.addProperty("password", secret);
                if (last != null) {
                    o.addProperty("lastSync", last.toString());
                }
                json.add(o);
            }
            if (ctx.json()) {
                ctx.out().println(Reports.GSON.toJson(json));
            } else if (t.size() == 0) {
                ctx.out().println("No accounts. Add one: tidemark accounts add NAME imaps://user@host");
            } else {
                ctx.out().print(t);
            }
            return 0;
        }
    }

    /** {@code accounts remove NAME [--purge]}. */
    @Command(name = "remove", description = "Remove an account from the configuration file and forget its saved "
            + "password; --purge also deletes its replica from the store.")
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--purge", description = "Also delete the account's replica (messages, journal) from the store.")
        boolean purge;

        @Override
        public Integer call() throws CoreException, IOException {
            Context ctx = TidemarkCommand.context(spec);
            AccountId id = AccountId.of(name);
            boolean inConfig = ConfigFile.removeAccount(ctx.configPath(), id);
            SecretStore secrets = ctx.secretsOrNull();
            boolean hadSecret = secrets != null && secrets.has(id);
            if (hadSecret) {
                secrets.delete(id);
            }
            boolean purged = false;
            MailStore store = ctx.wiring().store();
            boolean inStore = store.account(id).isPresent();
            if (purge && inStore) {
                store.write(tx -> {
                    tx.removeAccount(id);
                    return null;
                });
                purged = true;
            }
            if (!inConfig && !hadSecret && !purged) {
                throw Failure.of(ExitCode.NOT_FOUND, "no account '" + id + "' in " + ctx.configPath()
                        + (inStore ? " (the store still holds its replica: add --purge to delete it)" : ""));
            }
            if (!ctx.quiet()) {
                List<String> what = new ArrayList<>();
                if (inConfig) {
                    what.add("removed from " + ctx.configPath());
                }
                if (hadSecret) {
                    what.add("saved password forgotten");
                }
                if (purged) {
                    what.add("replica deleted from the store");
                } else if (inStore) {
                    what.add("replica kept in the store (--purge deletes it)");
                }
                ctx.out().println("Account '" + id + "': " + String.join("; ", what) + ".");
            }
            return 0;
        }
    }
}
