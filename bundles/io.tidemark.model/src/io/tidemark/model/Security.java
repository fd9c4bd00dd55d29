/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

/**
 * How the connection to the server is protected.
 *
 * @since 0.1
 */
public enum Security {
    /** Implicit TLS (IMAPS, port 993 by default). The default. */
    TLS(993),
    /** Plain connection upgraded by STARTTLS before authentication (port 143); refuses servers without it. */
    STARTTLS(143),
    /**
     * No protection at all: credentials and mail cross the network in clear. Allowed only when the
     * account sets {@link AccountConfig#allowInsecure()} (tests on loopback).
     */
    NONE(143);

    private final int defaultPort;

    Security(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** @return the port used when the account does not name one */
    public int defaultPort() {
        return defaultPort;
    }
}
