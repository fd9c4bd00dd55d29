/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A login name and its secret (password or OAuth access token), handed to a transport for one
 * authentication. {@link #toString()} never shows the secret. The transport {@link #destroy() destroys}
 * the secret after use.
 * <p>
 * Not thread-safe; used by one thread.
 *
 * @since 0.1
 */
public final class Credentials {

    private final String user;
    private final char[] secret;
    private final boolean token;

    /**
     * @param user the login name
     * @param secret the password or token; copied
     * @param token whether the secret is an OAuth access token
     */
    public Credentials(String user, char[] secret, boolean token) {
        this.user = Objects.requireNonNull(user, "user");
        this.secret = Objects.requireNonNull(secret, "secret").clone();
        this.token = token;
    }

    /** @return a password credential */
    public static Credentials password(String user, char[] password) {
        return new Credentials(user, password, false);
    }

    /** @return an OAuth access-token credential */
    public static Credentials token(String user, char[] accessToken) {
        return new Credentials(user, accessToken, true);
    }

    /** @return the login name */
    public String user() {
        return user;
    }

    /** @return a copy of the secret; the caller should clear it after use */
    public char[] secret() {
        return secret.clone();
    }

    /** @return whether the secret is an OAuth access token */
    public boolean isToken() {
        return token;
    }

    /** Overwrites the secret in memory. */
    public void destroy() {
        Arrays.fill(secret, '\0');
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", secret=***]";
    }
}
