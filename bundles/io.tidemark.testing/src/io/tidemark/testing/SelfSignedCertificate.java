/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.tidemark.testing.internal.Posix;
import io.tidemark.testing.internal.Processes;

/**
 * A throw-away self-signed server certificate for {@code CN=localhost}, {@code IP:127.0.0.1}, valid for 30
 * days, written as PEM files (certificate and unencrypted PKCS#8 key, mode 0600) into a folder. No trust
 * store knows it, so a client must pin {@link #sha256()} or fail: exactly what the transport's
 * "refused unless pinned" tests need.
 * <p>
 * Made with {@code openssl} when it is installed (about 20 ms), else with the running JDK's
 * {@code keytool} (about a second) and the key exported through {@link KeyStore}.
 * <p>
 * Immutable and thread-safe; the generating methods do file and process I/O.
 *
 * @since 0.1
 */
public final class SelfSignedCertificate {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private final Path certificatePem;
    private final Path privateKeyPem;
    private final X509Certificate certificate;
    private final String sha256;

    private SelfSignedCertificate(Path certificatePem, Path privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        try (InputStream in = Files.newInputStream(certificatePem)) {
            this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + certificatePem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Generated certificate " + certificatePem + " is unreadable", e);
        }
    }

    /**
     * Generates a certificate with {@code openssl} if installed, else with {@code keytool}.
     *
     * @param folder where {@code cert.pem} and {@code key.pem} go; created if missing
     * @return the certificate
     * @throws IllegalStateException if the tool fails
     */
    public static SelfSignedCertificate generate(Path folder) {
        return Files.isExecutable(OPENSSL) ? generateWithOpenssl(folder) : generateWithKeytool(folder);
    }

    /**
     * Generates an ECDSA P-256 certificate with {@code /usr/bin/openssl req -x509}.
     *
     * @param folder where {@code cert.pem} and {@code key.pem} go
     * @return the certificate
     * @throws IllegalStateException if openssl is missing or fails
     */
    public static SelfSignedCertificate generateWithOpenssl(Path folder) {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        createFolder(folder);
        Processes.run(List.of(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
                Duration.ofSeconds(30)).orThrow();
        Posix.chmod(key, "rw-------");
        return new SelfSignedCertificate(cert, key);
    }

    /**
     * Generates an ECDSA P-256 certificate with the running JDK's {@code keytool} and exports key and
     * certificate to PEM through {@link KeyStore}.
     *
     * @param folder where {@code cert.pem} and {@code key.pem} go
     * @return the certificate
     * @throws IllegalStateException if keytool fails
     */
    public static SelfSignedCertificate generateWithKeytool(Path folder) {
        createFolder(folder);
        Path p12 = folder.resolve("keystore.p12");
        char[] pass = "tidemark-test".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Processes.run(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30", "-storetype", "PKCS12", "-keystore",
                p12.toString(), "-storepass", new String(pass), "-keypass", new String(pass)),
                Duration.ofSeconds(60)).orThrow();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, pass);
            }
            PrivateKey key = (PrivateKey) ks.getKey("server", pass);
            X509Certificate cert = (X509Certificate) ks.getCertificate("server");
            Path certPem = folder.resolve("cert.pem");
            Path keyPem = folder.resolve("key.pem");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            Posix.chmod(keyPem, "rw-------");
            Files.delete(p12);
            return new SelfSignedCertificate(certPem, keyPem);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot export the keytool certificate in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot export the keytool certificate in " + folder, e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** @return the PEM file of the certificate */
    public Path certificatePem() {
        return certificatePem;
    }

    /** @return the PEM file of the unencrypted private key (mode 0600) */
    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /** @return the certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * @return the SHA-256 fingerprint of the DER certificate, 64 lower-case hex digits without colons (the
     *         form {@code AccountConfig.pinnedCertificateSha256} keeps)
     */
    public String sha256() {
        return sha256;
    }

    /**
     * @return an SSL context that trusts exactly this certificate, for test clients that must verify the
     *         server without pinning
     */
    public SSLContext trustingContext() {
        try {
            KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
            ts.load(null, null);
            ts.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build an SSL context for the test certificate", e);
        }
    }

    @Override
    public String toString() {
        return "self-signed " + certificate.getSubjectX500Principal().getName() + " sha256=" + sha256;
    }
}
