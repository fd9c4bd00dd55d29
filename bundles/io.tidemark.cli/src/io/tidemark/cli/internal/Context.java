/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.sync.api.SecretStore;

/**
 * What one run of a command shares: the environment, the global options, the configuration file (read on first
 * use) and the services (wired on first use), and how accounts and their secrets are found.
 * <p>
 * Not thread-safe: one per run, used by the command's thread.
 */
final class Context implements AutoCloseable {

    /**
     * An account as a command uses it.
     *
     * @param config the account
     * @param credentials where its secret comes from
     * @param origin {@code config}, {@code store} or {@code url}
     */
    record Account(AccountConfig config, CliCredentials credentials, String origin) {
        AccountId id() {
            return config.id();
        }
    }

    private final Environment env;
    private final TidemarkCommand options;
    private ConfigFile config;
    private Wiring wiring;

    Context(Environment env, TidemarkCommand options) {
        this.env = env;
        this.options = options;
    }

    Environment env() {
        return env;
    }

    PrintWriter out() {
        return env.out();
    }

    PrintWriter err() {
        return env.err();
    }

    boolean quiet() {
        return options.quiet;
    }

    boolean verbose() {
        return options.verbose;
    }

    boolean json() {
        return options.json;
    }

    boolean allowInsecure() {
        return options.allowInsecure;
    }

    /** @return the configuration file's path: {@code --config}, else {@code config} in the configuration folder */
    Path configPath() {
        return options.configFile != null ? env.workDir().resolve(options.configFile).normalize()
                : env.configDir().resolve("config");
    }

    /** @return the configuration, read and validated on first use */
    ConfigFile config() {
        if (config == null) {
            config = ConfigFile.read(configPath());
            if (options.configFile != null && !config.exists()) {
                throw Failure.of(ExitCode.CONFIG, configPath() + ": no such configuration file");
            }
        }
        return config;
    }

    /** @return the services, wired to the store of {@code --store}, else the config's, else the data folder */
    Wiring wiring() {
        if (wiring == null) {
            String where = options.store != null ? options.store : config().storeLocation();
            Wiring.StoreLocation loc = where != null ? Wiring.StoreLocation.parse(where, env.workDir())
                    : new Wiring.StoreLocation(env.dataDir(), null);
            wiring = new Wiring(env, loc);
        }
        return wiring;
    }

    /** @return the secret store, or null if it is not available (secrets then come from elsewhere) */
    SecretStore secretsOrNull() {
        try {
            return wiring().secrets();
        } catch (Failure f) {
            return null;
        }
    }

    /** @return how progress is shown for this run */
    Progress.Mode progressMode() {
        String p = options.progress == null ? "auto" : options.progress.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "bar" -> Progress.Mode.BAR;
            case "lines" -> Progress.Mode.LINES;
            case "none" -> Progress.Mode.NONE;
            case "auto" -> options.quiet || options.json ? Progress.Mode.NONE
                    : env.terminal().interactive() ? Progress.Mode.BAR : Progress.Mode.LINES;
            default -> throw Failure.of(ExitCode.USAGE, "--progress takes auto, bar, lines or none, not '" + p + "'");
        };
    }

    /** @return the credentials of an account: the password command of the command line wins over the config's */
    CliCredentials credentials(String passwordCommand, String passwordEnv) {
        String cmd = options.passwordCommand != null ? options.passwordCommand : passwordCommand;
        return new CliCredentials(env, cmd, passwordEnv, this::secretsOrNull);
    }

    /** @return the password command given on the command line, or null */
    String passwordCommandOption() {
        return options.passwordCommand;
    }

    /**
     * Finds an account by name (configuration file first, then the store) or reads an account URL.
     *
     * @throws Failure {@link ExitCode#NOT_FOUND} if there is no such account, {@link ExitCode#USAGE} for a bad URL
     */
    Account account(String nameOrUrl) {
        if (nameOrUrl.contains("://")) {
            AccountConfig a;
            try {
                a = AccountConfig.fromUrl(null, nameOrUrl, options.allowInsecure).build();
            } catch (IllegalArgumentException e) {
                throw Failure.of(ExitCode.USAGE, e.getMessage()
                        + (e.getMessage().contains("allowInsecure") ? " (add --allow-insecure)" : ""));
            }
            ConfigFile.Account configured = config().accounts().get(a.id());
            if (configured != null) {
                return new Account(configured.config(), credentials(configured.passwordCommand(),
                        configured.passwordEnv()), "config");
            }
            Optional<AccountConfig> stored = storedAccount(a.id());
            // an account synced by URL before keeps its folder and body settings
            AccountConfig merged = stored.map(s -> s.toBuilder().host(a.host()).port(a.port()).security(a.security())
                    .user(a.user()).allowInsecure(a.allowInsecure()).build()).orElse(a);
            return new Account(merged, credentials(null, null), "url");
        }
        AccountId id;
        try {
            id = AccountId.of(nameOrUrl);
        } catch (IllegalArgumentException e) {
            throw Failure.of(ExitCode.USAGE, e.getMessage());
        }
        ConfigFile.Account configured = config().accounts().get(id);
        if (configured != null) {
            return new Account(configured.config(), credentials(configured.passwordCommand(), configured.passwordEnv()),
                    "config");
        }
        Optional<AccountConfig> stored = storedAccount(id);
        if (stored.isPresent()) {
            return new Account(stored.get(), credentials(null, null), "store");
        }
        throw Failure.of(ExitCode.NOT_FOUND, "no account '" + id + "' in " + configPath() + " or in the store at "
                + wiring().location() + " (add it with 'tidemark accounts add " + id + " URL', or give a URL like "
                + "imaps://user@host)");
    }

    private Optional<AccountConfig> storedAccount(AccountId id) {
        try {
            return wiring().store().account(id);
        } catch (CoreException e) {
            throw Failures.of(e);
        }
    }

    /** @return every configured account, then those only the store knows, by name */
    List<Account> allAccounts(boolean includeStore) {
        Map<AccountId, Account> out = new LinkedHashMap<>();
        for (ConfigFile.Account a : config().accounts().values()) {
            out.put(a.config().id(), new Account(a.config(), credentials(a.passwordCommand(), a.passwordEnv()),
                    "config"));
        }
        if (includeStore) {
            try {
                for (AccountConfig a : wiring().store().accounts()) {
                    out.putIfAbsent(a.id(), new Account(a, credentials(null, null), "store"));
                }
            } catch (CoreException e) {
                throw Failures.of(e);
            }
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public void close() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
