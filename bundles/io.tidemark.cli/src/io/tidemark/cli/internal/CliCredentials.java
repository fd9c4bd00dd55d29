/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.sync.api.SecretStore;

/**
 * Where the command line finds an account's secret, in this order: a password command ({@code --password-command}
 * or the account's {@code password-command}, like mbsync's PassCmd), an environment variable (the account's
 * {@code password-env}, else {@code TIDEMARK_PASSWORD_<ACCOUNT>}, else {@code TIDEMARK_PASSWORD}), Equinox secure
 * storage ({@code tidemark accounts add} saves there), and last an interactive prompt that does not echo.
 * <p>
 * A secret the server rejected is not handed out again: a rejected command or variable fails at once, a rejected
 * saved secret leads to the prompt when there is a terminal. Messages name the source, never the secret.
 * <p>
 * Called on the thread opening a connection; the prompt blocks.
 */
final class CliCredentials implements CredentialsProvider {

    /** The generic password variable. */
    static final String PASSWORD_ENV = "TIDEMARK_PASSWORD";

    private final Environment env;
    private final String command;
    private final String envVar;
    private final Supplier<SecretStore> secrets;
    private String lastSource;

    /**
     * @param env the environment (variables, terminal)
     * @param command the password command, or null
     * @param envVar the account's password variable, or null
     * @param secrets the secret store, looked up only when needed; may supply null
     */
    CliCredentials(Environment env, String command, String envVar, Supplier<SecretStore> secrets) {
        this.env = env;
        this.command = command == null || command.isBlank() ? null : command;
        this.envVar = envVar;
        this.secrets = secrets;
    }

    /** @return the variable name {@code TIDEMARK_PASSWORD_<ACCOUNT>} for an account */
    static String accountVariable(String accountId) {
        return PASSWORD_ENV + "_" + accountId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public synchronized Credentials credentials(AccountConfig account, boolean previousAttemptFailed)
            throws CoreException {
        if (previousAttemptFailed && lastSource != null && !lastSource.equals("secure storage")
                && !lastSource.equals("the prompt")) {
            throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                    "the server rejected the password from " + lastSource, null);
        }
        char[] secret = null;
        if (!previousAttemptFailed) {
            if (command != null) {
                lastSource = "the password command";
                secret = runCommand(account);
            } else {
                secret = fromEnvironment(account);
                if (secret == null) {
                    secret = fromSecureStorage(account);
                }
            }
        }
        if (secret == null) {
            secret = prompt(account, previousAttemptFailed);
        }
        try {
            return new Credentials(account.user(), secret, account.auth().usesToken());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private char[] fromEnvironment(AccountConfig account) {
        for (String name : new String[] { envVar, accountVariable(account.id().value()), PASSWORD_ENV }) {
            if (name != null) {
                String v = env.env().get(name);
                if (v != null && !v.isEmpty()) {
                    lastSource = "environment variable " + name;
                    return v.toCharArray();
                }
            }
        }
        return null;
    }

    private char[] fromSecureStorage(AccountConfig account) throws CoreException {
        SecretStore store = secrets == null ? null : secrets.get();
        if (store == null || !store.has(account.id())) {
            return null;
        }
        lastSource = "secure storage";
        Credentials c = store.provider().credentials(account, false);
        try {
            return c.secret();
        } finally {
            c.destroy();
        }
    }

    private char[] prompt(AccountConfig account, boolean again) throws CoreException {
        if (!env.terminal().interactive()) {
            throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                    (again ? "the server rejected the password from " + lastSource + ", and there is no terminal to ask"
                            : "no password: give --password-command, set " + PASSWORD_ENV
                                    + ", or save one with 'tidemark accounts add'"),
                    null);
        }
        env.err().flush();
        char[] typed = env.terminal().readPassword((again ? "The server rejected it. " : "") + "Password for "
                + account.user() + "@" + account.host() + " (account '" + account.id() + "'): ");
        if (typed == null || typed.length == 0) {
            throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null, "no password was typed", null);
        }
        lastSource = "the prompt";
        return typed;
    }

    /** Runs the password command with {@code sh -c}; its first line of output is the secret. */
    private char[] runCommand(AccountConfig account) throws CoreException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().putAll(env.env());
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        byte[] out = null;
        try {
            Process p = pb.start();
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "the password command did not finish within 60 s", null);
            }
            if (p.exitValue() != 0) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "the password command failed (exit " + p.exitValue() + ")", null);
            }
            CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(out));
            int end = 0;
            while (end < cb.limit() && cb.get(end) != '\n' && cb.get(end) != '\r') {
                end++;
            }
            char[] secret = new char[end];
            cb.get(secret, 0, end);
            Arrays.fill(cb.array(), '\0');
            if (secret.length == 0) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "the password command printed nothing", null);
            }
            return secret;
        } catch (IOException e) {
            throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                    "cannot run the password command: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImapStatus.exception(ImapError.CANCELED, account.id(), null, "interrupted", null);
        } finally {
            if (out != null) {
                Arrays.fill(out, (byte) 0);
            }
        }
    }

    /** @return a human description of where the secret came from last, or null */
    synchronized String lastSource() {
        return lastSource;
    }
}
