/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.Security;

/**
 * TLS: implicit and STARTTLS, the JDK trust store with host-name verification, and a pinned fingerprint,
 * against a scripted server holding a self-signed certificate made by keytool.
 */
class TlsTest {

    private static final char[] PASS = "changeit".toCharArray();
    private static Path dir;
    /** Certificate for IP 127.0.0.1. */
    private static KeyStore forLoopback;
    /** Certificate for the name other.example only. */
    private static KeyStore forOtherHost;

    @BeforeAll
    static void makeCertificates() throws Exception {
        dir = Files.createTempDirectory("tidemark-tls");
        forLoopback = keystore("loopback", "ip:127.0.0.1");
        forOtherHost = keystore("other", "dns:other.example");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static KeyStore keystore(String name, String san) throws Exception {
        File file = dir.resolve(name + ".p12").toFile();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize",
                "2048", "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.getPath(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file)) {
            ks.load(in, PASS);
        }
        return ks;
    }

    private static SSLContext serverContext(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** @return a trust store holding the certificate of {@code ks} */
    private static KeyStore trusting(KeyStore ks) throws Exception {
        KeyStore t = KeyStore.getInstance("PKCS12");
        t.load(null, null);
        t.setCertificateEntry("server", ks.getCertificate("server"));
        return t;
    }

    private static String fingerprint(KeyStore ks) throws Exception {
        return PinnedTrustManager.fingerprint((X509Certificate) ks.getCertificate("server"));
    }

    private static ImapSession open(AngusImapTransport transport, ScriptedImapServer server, Security security,
            String pinned, List<String> trace) throws CoreException {
        return transport.open(FakeSessions.account(server).security(security).allowInsecure(false)
                .pinnedCertificateSha256(pinned).build(), FakeSessions.Secrets.passwords("secret"),
                SessionOptions.DEFAULT.withTrace(trace::add), null);
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessPinned() throws Exception {
        AngusImapTransport transport = new AngusImapTransport();
        try (ScriptedImapServer server = ScriptedImapServer.startTls("login-logout", serverContext(forLoopback),
                true)) {
            CoreException e = assertThrows(CoreException.class,
                    () -> open(transport, server, Security.TLS, null, new ArrayList<>()));
            assertEquals(ImapError.TLS_TRUST, ImapStatus.errorOf(e));
            assertTrue(e.getStatus().getMessage().contains("127.0.0.1:" + server.port()), e.getStatus().getMessage());
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void aPinnedFingerprintIsTrustedAndTheSessionRunsOverTls() throws Exception {
        AngusImapTransport transport = new AngusImapTransport();
        List<String> trace = new ArrayList<>();
        try (ScriptedImapServer server = ScriptedImapServer.startTls("login-logout", serverContext(forLoopback),
                true)) {
            try (ImapSession s = open(transport, server, Security.TLS, fingerprint(forLoopback), trace)) {
                assertTrue(s.capabilities().qresync());
                assertTrue(s.counters().bytesIn() < 1000, "application bytes are counted, not TLS records");
            }
            server.verify();
            assertTrue(trace.contains("C: t1 LOGIN ***"), trace.toString());
            assertTrue(trace.stream().noneMatch(l -> l.contains("secret")), trace.toString());
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void aPinnedFingerprintOfAnotherCertificateIsRefused() throws Exception {
        AngusImapTransport transport = new AngusImapTransport();
        try (ScriptedImapServer server = ScriptedImapServer.startTls("login-logout", serverContext(forLoopback),
                true)) {
            CoreException e = assertThrows(CoreException.class,
                    () -> open(transport, server, Security.TLS, fingerprint(forOtherHost), new ArrayList<>()));
            assertEquals(ImapError.TLS_TRUST, ImapStatus.errorOf(e));
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedByHostNameVerification() throws Exception {
        AngusImapTransport transport = new AngusImapTransport(trusting(forOtherHost));
        try (ScriptedImapServer server = ScriptedImapServer.startTls("login-logout", serverContext(forOtherHost),
                true)) {
            CoreException e = assertThrows(CoreException.class,
                    () -> open(transport, server, Security.TLS, null, new ArrayList<>()));
            assertEquals(ImapError.TLS_TRUST, ImapStatus.errorOf(e));
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void aTrustedCertificateForThisHostIsAcceptedWithStarttls() throws Exception {
        AngusImapTransport transport = new AngusImapTransport(trusting(forLoopback));
        List<String> trace = new ArrayList<>();
        try (ScriptedImapServer server = ScriptedImapServer.startTls("starttls", serverContext(forLoopback), false)) {
            try (ImapSession s = open(transport, server, Security.STARTTLS, null, trace)) {
                assertTrue(s.capabilities().has("IDLE"), "capabilities read again after STARTTLS");
                assertTrue(s.capabilities().authMechanisms().contains("PLAIN"));
            }
            server.verify();
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void thePinnedTrustManagerFallsBackToTheJdkForOtherCertificates() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusting(forOtherHost));
        X509ExtendedTrustManager jdk = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        X509Certificate loopback = (X509Certificate) forLoopback.getCertificate("server");
        X509Certificate other = (X509Certificate) forOtherHost.getCertificate("server");
        PinnedTrustManager pinned = new PinnedTrustManager(jdk, fingerprint(forLoopback).toUpperCase());
        pinned.checkServerTrusted(new X509Certificate[] { loopback }, "RSA");
        pinned.checkServerTrusted(new X509Certificate[] { other }, "RSA");
        PinnedTrustManager wrong = new PinnedTrustManager(jdk, fingerprint(forOtherHost));
        assertThrows(CertificateException.class,
                () -> wrong.checkServerTrusted(new X509Certificate[] { loopback }, "RSA"));
        assertThrows(CertificateException.class, () -> wrong.checkClientTrusted(new X509Certificate[] { other },
                "RSA"));
    }
}
