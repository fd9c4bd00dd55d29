/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything needed to reach and sync one account, except its secret: passwords and tokens come from a
 * {@code CredentialsProvider} at run time and are never part of a configuration.
 *
 * @param id the local account name
 * @param host the server host name or address
 * @param port the server port, 1-65535
 * @param security how the connection is protected; {@link Security#TLS} by default
 * @param user the login name
 * @param auth the authentication mechanism
 * @param allowInsecure whether {@link Security#NONE} is allowed, and plain LOGIN without TLS; for tests on
 *            loopback only
 * @param pinnedCertificateSha256 the SHA-256 fingerprint (hex, colons optional) of a server certificate to
 *            trust even if the JDK trust store does not, or null
 * @param connectTimeout the TCP and TLS connect timeout
 * @param readTimeout the longest wait for a server response (IDLE uses its own, longer interval)
 * @param folders which mailboxes are synced
 * @param bodyPolicy what content is downloaded
 * @param maxConnections the most connections a sync may open to this server at once, at least 1
 * @since 0.1
 */
public record AccountConfig(AccountId id, String host, int port, Security security, String user,
        AuthMechanism auth, boolean allowInsecure, String pinnedCertificateSha256, Duration connectTimeout,
        Duration readTimeout, FolderSelection folders, BodyPolicy bodyPolicy, int maxConnections) {

    /** The connect timeout used when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** The read timeout used when none is given. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Validates the configuration; the messages name the offending field. */
    public AccountConfig {
        Objects.requireNonNull(id, "id");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Account " + id + ": host is empty");
        }
        security = security == null ? Security.TLS : security;
        if (port == 0) {
            port = security.defaultPort();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Account " + id + ": port out of range 1-65535: " + port);
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("Account " + id + ": user is empty");
        }
        if (security == Security.NONE && !allowInsecure) {
            throw new IllegalArgumentException("Account " + id
                    + ": security NONE sends the password in clear; set allowInsecure to permit it");
        }
        auth = auth == null ? AuthMechanism.AUTO : auth;
        if (pinnedCertificateSha256 != null) {
            String hex = pinnedCertificateSha256.replace(":", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "Account " + id + ": pinned certificate is not a SHA-256 fingerprint (64 hex digits)");
            }
            pinnedCertificateSha256 = hex;
        }
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, id, "connectTimeout");
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, id, "readTimeout");
        folders = folders == null ? FolderSelection.SUBSCRIBED : folders;
        bodyPolicy = bodyPolicy == null ? BodyPolicy.HEADERS : bodyPolicy;
        if (maxConnections == 0) {
            maxConnections = 2;
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("Account " + id + ": maxConnections < 1");
        }
    }

    private static Duration positive(Duration d, Duration dflt, AccountId id, String what) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Account " + id + ": " + what + " must be positive");
        }
        return d;
    }

    /** @return a builder for account {@code id} */
    public static Builder builder(AccountId id) {
        return new Builder(id);
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.host = host;
        b.port = port;
        b.security = security;
        b.user = user;
        b.auth = auth;
        b.allowInsecure = allowInsecure;
        b.pinned = pinnedCertificateSha256;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.folders = folders;
        b.bodyPolicy = bodyPolicy;
        b.maxConnections = maxConnections;
        return b;
    }

    /**
     * Reads an account URL: {@code imaps://user@host[:port]} (TLS), {@code imap://user@host[:port]}
     * (STARTTLS) or {@code imap+plain://user@host[:port]} (no TLS; only with {@code allowInsecure}).
     * The user may be percent-encoded ({@code alice%40example.com@host}). A password in the URL is refused,
     * and error messages never repeat one.
     *
     * @param id the local name to give the account, or null to use {@code user@host}
     * @param url the URL
     * @param allowInsecure whether a plain connection may be used
     * @return a builder holding what the URL says
     * @throws IllegalArgumentException naming the URL if it is not of this form
     */
    public static Builder fromUrl(String id, String url, boolean allowInsecure) {
        if (url == null) {
            throw new IllegalArgumentException("Not an account URL: null");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an account URL: '" + redact(url) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Security sec = switch (scheme) {
            case "imaps" -> Security.TLS;
            case "imap" -> Security.STARTTLS;
            case "imap+plain" -> Security.NONE;
            default -> throw new IllegalArgumentException(
                    "Not an account URL (imaps://user@host, imap://user@host): '" + redact(url) + "'");
        };
        String rawUser = uri.getRawUserInfo();
        if (rawUser != null && rawUser.indexOf(':') >= 0) {
            // A literal colon separates user and password (RFC 3986 §3.2.1); a colon inside the user name
            // must be percent-encoded, so it is not taken for one.
            throw new IllegalArgumentException("Account URL must not contain a password: '" + redact(url) + "'");
        }
        if (uri.getHost() == null || rawUser == null || rawUser.isEmpty()) {
            throw new IllegalArgumentException("Account URL needs user@host: '" + redact(url) + "'");
        }
        // getUserInfo() decodes %XX as UTF-8 and, unlike URLDecoder, leaves '+' alone (bob+tag@example.com).
        String user = uri.getUserInfo();
        String name = id != null ? id : (user + "@" + uri.getHost()).replaceAll("[^A-Za-z0-9._@+\\-]", "_");
        Builder b = new Builder(AccountId.of(name));
        b.host = uri.getHost();
        b.port = uri.getPort() < 0 ? 0 : uri.getPort();
        b.security = sec;
        b.user = user;
        b.allowInsecure = allowInsecure;
        return b;
    }

    /**
     * Hides what could be a password in a URL that is about to appear in an error message: everything
     * between the first colon after the scheme and the last {@code @} becomes {@code ***}. It errs on the side
     * of hiding too much, since a password may itself hold {@code /} or {@code @}.
     */
    static String redact(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = url.lastIndexOf('@');
        int colon = url.indexOf(':', start);
        if (at < start || colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    @Override
    public String toString() {
        return id + " (" + user + "@" + host + ":" + port + ", " + security + ")";
    }

    /**
     * Builds an {@link AccountConfig}; unset fields take the defaults documented on the record.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final AccountId id;
        private String host;
        private int port;
        private Security security = Security.TLS;
        private String user;
        private AuthMechanism auth = AuthMechanism.AUTO;
        private boolean allowInsecure;
        private String pinned;
        private Duration connectTimeout;
        private Duration readTimeout;
        private FolderSelection folders;
        private BodyPolicy bodyPolicy;
        private int maxConnections;

        private Builder(AccountId id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /** @return this */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** @return this */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** @return this */
        public Builder security(Security v) {
            security = v;
            return this;
        }

        /** @return this */
        public Builder user(String v) {
            user = v;
            return this;
        }

        /** @return this */
        public Builder auth(AuthMechanism v) {
            auth = v;
            return this;
        }

        /** @return this */
        public Builder allowInsecure(boolean v) {
            allowInsecure = v;
            return this;
        }

        /** @return this */
        public Builder pinnedCertificateSha256(String v) {
            pinned = v;
            return this;
        }

        /** @return this */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /** @return this */
        public Builder readTimeout(Duration v) {
            readTimeout = v;
            return this;
        }

        /** @return this */
        public Builder folders(FolderSelection v) {
            folders = v;
            return this;
        }

        /** @return this */
        public Builder bodyPolicy(BodyPolicy v) {
            bodyPolicy = v;
            return this;
        }

        /** @return this */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** @return the validated configuration @throws IllegalArgumentException naming a bad field */
        public AccountConfig build() {
            return new AccountConfig(id, host, port, security, user, auth, allowInsecure, pinned, connectTimeout,
                    readTimeout, folders, bodyPolicy, maxConnections);
        }
    }
}
