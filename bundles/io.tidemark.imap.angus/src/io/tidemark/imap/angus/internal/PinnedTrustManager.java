/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server certificate whose SHA-256 fingerprint is the pinned one (a self-signed server the user
 * vouched for), and otherwise whatever the JDK trust manager trusts, with its host-name verification.
 * <p>
 * A pinned match skips the host-name check on purpose: the fingerprint names exactly one certificate, which
 * is a stronger statement than a name match. Thread-safe (immutable).
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager jdk;
    private final String pinnedHex;

    /**
     * @param jdk the JDK's trust manager (trust store + host-name verification)
     * @param pinnedHex the pinned SHA-256 fingerprint, 64 lower-case hex digits
     */
    PinnedTrustManager(X509ExtendedTrustManager jdk, String pinnedHex) {
        this.jdk = jdk;
        this.pinnedHex = pinnedHex.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** @return the SHA-256 fingerprint of a certificate as 64 lower-case hex digits */
    static String fingerprint(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw e;
        } catch (NoSuchAlgorithmException e) {
            throw new CertificateException("SHA-256 is not available", e);
        }
    }

    private boolean pinned(X509Certificate[] chain) throws CertificateException {
        return chain != null && chain.length > 0 && MessageDigest.isEqual(
                fingerprint(chain[0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                pinnedHex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (!pinned(chain)) {
            jdk.checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (!pinned(chain)) {
            jdk.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!pinned(chain)) {
            jdk.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this is a client; it does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this is a client; it does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this is a client; it does not authenticate clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
