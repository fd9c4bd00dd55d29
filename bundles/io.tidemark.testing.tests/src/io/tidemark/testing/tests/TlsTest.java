/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.Security;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.OtherClient;
import io.tidemark.testing.SelfSignedCertificate;

/** Proves that the TLS listeners present the generated certificate whose fingerprint the fixture exposes. */
class TlsTest {

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.builder().tls(true).start();
    }

    @AfterAll
    static void stop() {
        dovecot.close();
    }

    @Test
    void imapsListenerPresentsTheGeneratedCertificateWithTheExposedFingerprint() throws Exception {
        Capturing capture = new Capturing();
        try (OtherClient client = OtherClient.openTls(dovecot.host(), dovecot.tlsPort(), capture.context())) {
            client.login(dovecot.user(), dovecot.password());
            assertTrue(client.hasCapability("QRESYNC"));
            X509Certificate presented = (X509Certificate) client.tlsSession().getPeerCertificates()[0];
            assertEquals(dovecot.certificateSha256(), sha256(presented));
        }
        assertEquals(dovecot.certificateSha256(), sha256(capture.chains.get(0)[0]));
        assertEquals(64, dovecot.certificateSha256().length());
    }

    @Test
    void imapsIsRefusedByTheDefaultTrustStore() throws Exception {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> OtherClient.openTls(dovecot.host(), dovecot.tlsPort(), SSLContext.getDefault()).close());
        assertInstanceOf(SSLHandshakeException.class, e.getCause());
    }

    @Test
    void imapsIsAcceptedByAContextThatTrustsOnlyTheGeneratedCertificate() {
        try (OtherClient client = OtherClient.openTls(dovecot.host(), dovecot.tlsPort(),
                dovecot.certificate().trustingContext())) {
            client.login(dovecot.user(), dovecot.password());
            assertFalse(client.list().isEmpty());
        }
    }

    @Test
    void starttlsIsAdvertisedAndUpgradesToTheSameCertificate() throws Exception {
        try (OtherClient plain = OtherClient.open(dovecot.host(), dovecot.port())) {
            assertTrue(plain.preLoginCapabilities().contains("STARTTLS"), plain.preLoginCapabilities().toString());
        }
        Capturing capture = new Capturing();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(dovecot.host(), dovecot.port()), 5000);
            raw.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("* OK"));
            raw.getOutputStream().write("s1 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = in.readLine();
            assertTrue(answer.startsWith("s1 OK"), answer);
            try (SSLSocket tls = (SSLSocket) capture.context().getSocketFactory().createSocket(raw, dovecot.host(),
                    dovecot.port(), false)) {
                tls.startHandshake();
                assertEquals(dovecot.certificateSha256(), sha256(tls.getSession().getPeerCertificates()[0]));
            }
        }
    }

    @Test
    void tlsAccountsPinTheCertificateOnTheirPorts() {
        AccountConfig tls = dovecot.tlsAccount("tls");
        assertEquals(Security.TLS, tls.security());
        assertEquals(dovecot.tlsPort(), tls.port());
        assertEquals(dovecot.certificateSha256(), tls.pinnedCertificateSha256());
        AccountConfig starttls = dovecot.starttlsAccount("starttls");
        assertEquals(Security.STARTTLS, starttls.security());
        assertEquals(dovecot.port(), starttls.port());
        assertEquals(dovecot.certificateSha256(), starttls.pinnedCertificateSha256());
    }

    @Test
    void opensslAndKeytoolCertificatesHaveMatchingKeysAndLoopbackNames(@TempDir Path dir) throws Exception {
        for (SelfSignedCertificate cert : List.of(SelfSignedCertificate.generateWithOpenssl(dir.resolve("openssl")),
                SelfSignedCertificate.generateWithKeytool(dir.resolve("keytool")))) {
            assertEquals(sha256(cert.certificate()), cert.sha256());
            assertTrue(cert.certificate().getSubjectAlternativeNames().stream().anyMatch(n -> "127.0.0.1".equals(n.get(1))),
                    cert.toString());
            String pem = Files.readString(cert.privateKeyPem());
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            Signature sign = Signature.getInstance("SHA256withECDSA");
            sign.initSign(key);
            sign.update(new byte[] { 1, 2, 3 });
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(cert.certificate());
            verify.update(new byte[] { 1, 2, 3 });
            assertTrue(verify.verify(signature), "key and certificate do not match: " + cert);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(cert.privateKeyPem())));
        }
    }

    private static String sha256(java.security.cert.Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    /** Accepts any server certificate and records it: lets the test see what the server presents. */
    private static final class Capturing implements X509TrustManager {
        final List<X509Certificate[]> chains = new ArrayList<>();

        SSLContext context() throws Exception {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] { this }, null);
            return ctx;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            chains.add(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
