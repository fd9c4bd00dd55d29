/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes and caches the TLS socket factories of a transport: one for the JDK trust store, one per pinned
 * certificate fingerprint. Thread-safe.
 */
final class TlsContexts {

    private final KeyStore trustStore;
    private final Map<String, SSLSocketFactory> factories = new ConcurrentHashMap<>();

    /** @param trustStore the trust anchors, or null for the JDK's default trust store */
    TlsContexts(KeyStore trustStore) {
        this.trustStore = trustStore;
    }

    /**
     * @param pinnedSha256 a pinned fingerprint (64 hex digits), or null
     * @return a factory whose sockets check the server as described in {@link PinnedTrustManager}
     */
    SSLSocketFactory factory(String pinnedSha256) throws GeneralSecurityException {
        String key = pinnedSha256 == null ? "" : pinnedSha256;
        SSLSocketFactory f = factories.get(key);
        if (f == null) {
            f = create(pinnedSha256);
            factories.putIfAbsent(key, f);
        }
        return f;
    }

    private SSLSocketFactory create(String pinned) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        X509ExtendedTrustManager jdk = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                jdk = x;
                break;
            }
        }
        if (jdk == null) {
            throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
        }
        TrustManager tm = pinned == null ? jdk : new PinnedTrustManager(jdk, pinned);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] { tm }, null);
        return ctx.getSocketFactory();
    }
}
