/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

/**
 * How the client authenticates.
 *
 * @since 0.1
 */
public enum AuthMechanism {
    /** The best the server offers for a password: SASL PLAIN, else LOGIN. */
    AUTO(false),
    /** The IMAP LOGIN command. */
    LOGIN(false),
    /** SASL PLAIN (RFC 4616). */
    PLAIN(false),
    /** Google's and Microsoft's XOAUTH2 with a bearer token. */
    XOAUTH2(true),
    /** SASL OAUTHBEARER (RFC 7628) with a bearer token. */
    OAUTHBEARER(true);

    private final boolean token;

    AuthMechanism(boolean token) {
        this.token = token;
    }

    /** @return whether the secret is an OAuth access token rather than a password */
    public boolean usesToken() {
        return token;
    }
}
