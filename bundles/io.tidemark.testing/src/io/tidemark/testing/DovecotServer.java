/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.Security;
import io.tidemark.testing.internal.FreePorts;
import io.tidemark.testing.internal.Posix;
import io.tidemark.testing.internal.Prerequisites;
import io.tidemark.testing.internal.Processes;

/**
 * A private Dovecot IMAP server, started as a child process of the test JVM on 127.0.0.1 and a free port,
 * with everything (configuration, {@code base_dir}, {@code state_dir}, log, passwd-file, maildir) in its own
 * temp folder and a unique {@code instance_name}, so that any number of instances run side by side and
 * nothing outside the folder changes. The system's Dovecot configuration is not read.
 * <p>
 * One user ({@code alice} unless chosen otherwise) with a password generated per instance; mail in
 * {@code maildir:~/Maildir} with {@code /} as hierarchy separator and the special-use mailboxes
 * {@code Sent, Trash, Drafts, Junk, Archive} created and subscribed on first login. As root (CI) the
 * mail belongs to uid/gid 5000 (the userdb's fixed owner), the login process runs as {@code dovenull} and
 * auth as {@code dovecot}; as another user everything runs as that user.
 * <p>
 * {@link CapabilityProfile} chooses what the server advertises; {@link Builder#tls(boolean)} adds an
 * {@code imaps} listener and STARTTLS with a {@link SelfSignedCertificate} generated per instance.
 *
 * <pre>
 * try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.CONDSTORE_ONLY);
 *         OtherClient other = dovecot.otherClient()) {
 *     long uid = other.append("INBOX", new MessageFactory(1).next().bytes());
 *     AccountConfig account = dovecot.account("test");
 *     ...
 * }
 * </pre>
 * <p>
 * {@link #start()} waits until the server sends its greeting (typically 30-80 ms), never a fixed sleep.
 * {@link #close()} stops the master by its PID together with every child process (SIGTERM to all of them at
 * once, SIGKILL after 5 s; about 10 ms) and deletes the folder (kept when the system property {@code tidemark.testing.keep} is
 * {@code true}). A JVM shutdown hook does the same for instances a test forgot to close.
 * <p>
 * Missing Dovecot: {@link #start()} fails with a message naming the apt package {@code dovecot-imapd} when
 * the environment variable {@code CI} is set, else throws {@link org.opentest4j.TestAbortedException} (the
 * test is skipped, loudly).
 * <p>
 * Thread-safe: accessors are plain reads; {@link #doveadm(String...)} runs a process per call.
 *
 * @since 0.1
 */
public final class DovecotServer implements AutoCloseable {

    /** The Dovecot master binary. */
    public static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

    /** The admin tool, used as a second client and for UIDVALIDITY changes. */
    public static final Path DOVEADM = Path.of("/usr/bin/doveadm");

    /** The apt package that installs {@link #DOVECOT} and the IMAP binaries. */
    public static final String APT_PACKAGE = "dovecot-imapd";

    /** The mailbox hierarchy separator of the fixture's namespace. */
    public static final char SEPARATOR = '/';

    /** The mail owner's uid and gid when the tests run as root. */
    public static final int DEFAULT_MAIL_ID = 5000;

    private static final Path IMAP = Path.of("/usr/lib/dovecot/imap");
    private static final Path IMAP_LOGIN = Path.of("/usr/lib/dovecot/imap-login");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CapabilityProfile profile;
    private final List<String> capabilities;
    private final Path dir;
    private final Path config;
    private final String user;
    private final String password;
    private final int mailUid;
    private final int mailGid;
    private final SelfSignedCertificate certificate;
    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private DovecotServer(Builder b, Path dir, SelfSignedCertificate certificate, String password, int port,
            int tlsPort, Process process, Duration startupTime) {
        this.profile = b.profile;
        this.capabilities = b.capabilities();
        this.dir = dir;
        this.config = dir.resolve("etc/dovecot.conf");
        this.user = b.user;
        this.password = password;
        this.mailUid = b.mailUid;
        this.mailGid = b.mailGid;
        this.certificate = certificate;
        this.port = port;
        this.tlsPort = tlsPort;
        this.process = process;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::close, "tidemark-dovecot-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server with the {@link CapabilityProfile#FULL} profile, no TLS.
     *
     * @return the running server
     * @throws IllegalStateException if Dovecot is missing under CI, or does not start (with its log)
     * @throws org.opentest4j.TestAbortedException if Dovecot is missing outside CI
     */
    public static DovecotServer start() {
        return builder().start();
    }

    /**
     * Starts a server with the given profile, no TLS.
     *
     * @param profile what the server advertises
     * @return the running server
     * @see #start()
     */
    public static DovecotServer start(CapabilityProfile profile) {
        return builder().profile(profile).start();
    }

    /** @return a builder for a server with non-default options */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return FreePorts.LOOPBACK;
    }

    /** @return the plain IMAP port (STARTTLS offered when TLS is on) */
    public int port() {
        return port;
    }

    /**
     * @return the implicit-TLS (imaps) port
     * @throws IllegalStateException if the server was started without TLS
     */
    public int tlsPort() {
        requireTls();
        return tlsPort;
    }

    /** @return whether the server has TLS (imaps listener and STARTTLS) */
    public boolean hasTls() {
        return certificate != null;
    }

    /**
     * @return the server certificate
     * @throws IllegalStateException if the server was started without TLS
     */
    public SelfSignedCertificate certificate() {
        requireTls();
        return certificate;
    }

    /**
     * @return the SHA-256 fingerprint of the server certificate, 64 lower-case hex digits
     * @throws IllegalStateException if the server was started without TLS
     */
    public String certificateSha256() {
        return certificate().sha256();
    }

    private void requireTls() {
        if (certificate == null) {
            throw new IllegalStateException("This Dovecot was started without TLS: use DovecotServer.builder().tls(true)");
        }
    }

    /** @return the login name */
    public String user() {
        return user;
    }

    /** @return the password, generated for this instance */
    public String password() {
        return password;
    }

    /** @return the capability profile */
    public CapabilityProfile profile() {
        return profile;
    }

    /**
     * @return the capabilities this server advertises after login (the profile's list less anything
     *         removed with {@link Builder#withoutCapabilities(String...)}), in Dovecot's order
     */
    public List<String> capabilities() {
        return capabilities;
    }

    /** @return the instance folder (configuration, runtime, logs and mail) */
    public Path directory() {
        return dir;
    }

    /** @return the generated {@code dovecot.conf}, for {@code doveadm -c} or {@code doveconf -c} */
    public Path configFile() {
        return config;
    }

    /** @return the user's maildir root, which is also the INBOX folder */
    public Path maildir() {
        return dir.resolve("home").resolve(user).resolve("Maildir");
    }

    /**
     * @param mailbox a mailbox name with {@code /} as separator, e.g. {@code INBOX} or {@code Archive/2024}
     * @return its Maildir++ folder: the root for INBOX, else {@code .Name.Sub} (modified UTF-7)
     */
    public Path maildir(String mailbox) {
        return MaildirWriter.folderOf(maildir(), mailbox);
    }

    /** @return the uid that owns the mail (the userdb's uid) */
    public int mailUid() {
        return mailUid;
    }

    /** @return the gid that owns the mail */
    public int mailGid() {
        return mailGid;
    }

    /** @return the PID of the Dovecot master process */
    public long pid() {
        return process.pid();
    }

    /** @return whether the master process is alive */
    public boolean isRunning() {
        return Processes.isAlive(process.pid());
    }

    /** @return how long the last start took, from spawning the master to reading the IMAP greeting */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * A plain-text account for this server: {@link Security#NONE} with {@code allowInsecure}, connect
     * timeout 5 s, read timeout 15 s, every mailbox ({@link FolderSelection#ALL}). The password is not
     * part of it: hand {@link #password()} to the credentials provider.
     *
     * @param id the local account name
     * @return the account
     */
    public AccountConfig account(String id) {
        return base(id).port(port).security(Security.NONE).allowInsecure(true).build();
    }

    /**
     * An implicit-TLS account on {@link #tlsPort()} that pins this instance's certificate. For the
     * "refused unless pinned" case, clear the pin: {@code tlsAccount(id).toBuilder().pinnedCertificateSha256(null)}.
     *
     * @param id the local account name
     * @return the account
     * @throws IllegalStateException if the server was started without TLS
     */
    public AccountConfig tlsAccount(String id) {
        return base(id).port(tlsPort()).security(Security.TLS).pinnedCertificateSha256(certificateSha256()).build();
    }

    /**
     * A STARTTLS account on {@link #port()} that pins this instance's certificate.
     *
     * @param id the local account name
     * @return the account
     * @throws IllegalStateException if the server was started without TLS
     */
    public AccountConfig starttlsAccount(String id) {
        return base(id).port(port).security(Security.STARTTLS).pinnedCertificateSha256(certificateSha256()).build();
    }

    private AccountConfig.Builder base(String id) {
        return AccountConfig.builder(AccountId.of(id)).host(host()).user(user).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15)).folders(FolderSelection.ALL);
    }

    /**
     * @return a new logged-in raw IMAP connection to this server, acting as another device
     * @throws UncheckedIOException if the connection fails
     */
    public OtherClient otherClient() {
        return OtherClient.connect(host(), port, user, password);
    }

    /**
     * @return a writer that puts generated messages straight into this user's maildir, owned by
     *         {@link #mailUid()}/{@link #mailGid()}
     */
    public MaildirWriter maildirWriter() {
        return new MaildirWriter(maildir(), mailUid, mailGid);
    }

    /**
     * Runs {@code doveadm -c <this config> args...}. Commands that act on mail need {@code -u} and
     * {@link #user()} after the command name, e.g. {@code doveadm("flags", "add", "-u", user(), "\\Seen",
     * "mailbox", "INBOX", "uid", "3")}.
     *
     * @param args the doveadm command and its arguments
     * @return its standard output
     * @throws IllegalStateException naming the command, exit status and standard error if it fails
     */
    public String doveadm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DOVEADM.toString(), "-c", config.toString()));
        cmd.addAll(Arrays.asList(args));
        return Processes.run(cmd, Duration.ofSeconds(60)).orThrow().stdout();
    }

    /**
     * Gives a mailbox a new UIDVALIDITY through {@code doveadm mailbox update --uid-validity}, as a server
     * rebuild or restore would. A new SELECT or STATUS reports the new value; a session that has the
     * mailbox selected may be disconnected by Dovecot.
     *
     * @param mailbox the mailbox, e.g. {@code INBOX}
     * @param uidValidity the new value, 1 to 4294967295
     * @throws IllegalArgumentException if the value is out of range
     * @throws IllegalStateException if doveadm fails (e.g. no such mailbox)
     */
    public void forceUidValidity(String mailbox, long uidValidity) {
        if (uidValidity < 1 || uidValidity > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("UIDVALIDITY out of range 1-4294967295: " + uidValidity);
        }
        doveadm("mailbox", "update", "--uid-validity", Long.toString(uidValidity), "-u", user, mailbox);
    }

    /**
     * @return the server log so far (empty if none), for failure messages
     */
    public String log() {
        return readOrEmpty(dir.resolve("log/dovecot.log")) + readOrEmpty(dir.resolve("log/master.out"));
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the server (master and every child process, by PID) and deletes its folder. Idempotent.
     *
     * @throws IllegalStateException if a Dovecot process survives SIGKILL
     */
    public void stop() {
        close();
    }

    /**
     * Same as {@link #stop()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        boolean gone = Processes.terminateTree(process.toHandle(), Duration.ofSeconds(5));
        if (!Boolean.getBoolean("tidemark.testing.keep")) {
            Posix.deleteTree(dir);
        }
        if (!gone) {
            throw new IllegalStateException("Dovecot " + process.pid() + " (" + dir + ") did not end on SIGKILL");
        }
    }

    @Override
    public String toString() {
        return "Dovecot " + profile + " on " + host() + ":" + port + (certificate != null ? " (imaps " + tlsPort + ")" : "")
                + ", user " + user + ", pid " + process.pid();
    }

    // ---------------------------------------------------------------------------------------------------

    private static String conf(Builder b, Path dir, String password, int port, int tlsPort,
            SelfSignedCertificate cert) {
        boolean root = Posix.isRoot();
        String internalUser = root ? "dovecot" : Posix.userName();
        String loginUser = root ? "dovenull" : Posix.userName();
        StringBuilder c = new StringBuilder();
        c.append("# Generated by io.tidemark.testing.DovecotServer; standalone, /etc/dovecot is not read.\n");
        c.append("instance_name = tidemark-").append(HexFormat.of().formatHex(randomBytes(6))).append('\n');
        c.append("base_dir = ").append(dir.resolve("run")).append('\n');
        c.append("state_dir = ").append(dir.resolve("state")).append('\n');
        c.append("log_path = ").append(dir.resolve("log/dovecot.log")).append('\n');
        c.append("protocols = imap\n");
        c.append("listen = 127.0.0.1\n");
        if (cert != null) {
            c.append("ssl = yes\n");
            c.append("ssl_cert = <").append(cert.certificatePem()).append('\n');
            c.append("ssl_key = <").append(cert.privateKeyPem()).append('\n');
        } else {
            c.append("ssl = no\n");
        }
        c.append("disable_plaintext_auth = no\n");
        c.append("auth_mechanisms = plain login\n");
        c.append("default_internal_user = ").append(internalUser).append('\n');
        c.append("default_login_user = ").append(loginUser).append('\n');
        if (!root) {
            // unprivileged: the unix sockets cannot be given to group 'dovecot', so use our own group
            c.append("default_internal_group = ").append(Posix.groupName(Posix.gid())).append('\n');
        }
        c.append("first_valid_uid = 1\nfirst_valid_gid = 1\n");
        c.append("mail_location = maildir:~/Maildir\n");
        if (b.compress) {
            c.append("mail_plugins = zlib\nprotocol imap {\n  mail_plugins = $mail_plugins imap_zlib\n}\n");
        } else {
            c.append("mail_plugins =\n");
        }
        // tests open many sessions from one address; the default (10) would refuse the 11th
        c.append("mail_max_userip_connections = 200\n");
        // a test fixture needs no durability against power loss, only speed
        c.append("mail_fsync = never\n");
        // the default 256 MB per process is too little for the imap process indexing a million-message maildir
        c.append("default_vsz_limit = 2G\n");
        if (b.explicitCapabilities()) {
            // no leading '+': the list replaces Dovecot's, before and after login (see CapabilityProfile)
            c.append("imap_capability = ").append(String.join(" ", b.capabilities())).append('\n');
        }
        Path users = dir.resolve("etc/users");
        c.append("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%n ").append(users)
                .append("\n}\n");
        c.append("userdb {\n  driver = passwd-file\n  args = username_format=%n ").append(users).append("\n}\n");
        c.append("namespace inbox {\n  inbox = yes\n  separator = ").append(SEPARATOR).append('\n');
        for (String special : List.of("Sent", "Trash", "Drafts", "Junk", "Archive")) {
            c.append("  mailbox ").append(special).append(" {\n    special_use = \\").append(special)
                    .append("\n    auto = subscribe\n  }\n");
        }
        c.append("}\n");
        c.append("service imap-login {\n  chroot =\n");
        c.append("  inet_listener imap {\n    address = 127.0.0.1\n    port = ").append(port).append("\n  }\n");
        c.append("  inet_listener imaps {\n    address = 127.0.0.1\n    port = ").append(tlsPort)
                .append("\n    ssl = yes\n  }\n}\n");
        c.append("service anvil {\n  chroot =\n}\n");
        return c.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String newPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static DovecotServer launch(Builder b) {
        Prerequisites.requireExecutables("The Dovecot test fixture", APT_PACKAGE, b.dovecot, DOVEADM, IMAP, IMAP_LOGIN);
        // short: Dovecot's UNIX sockets live under it and a socket path may not pass 107 bytes
        Path dir = Posix.createTraversableTempDir(b.parent, "tdv-");
        boolean ok = false;
        try {
            String password = newPassword();
            prepareTree(b, dir, password);
            SelfSignedCertificate cert = b.tls ? SelfSignedCertificate.generate(dir.resolve("tls")) : null;
            IllegalStateException last = null;
            // a free port can be taken between probing and Dovecot's bind: retry with new ports
            for (int attempt = 0; attempt < 4; attempt++) {
                int port = FreePorts.find();
                int tlsPort = cert != null ? FreePorts.find() : 0;
                Files.writeString(dir.resolve("etc/dovecot.conf"), conf(b, dir, password, port, tlsPort, cert),
                        StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(b.dovecot.toString(), "-F", "-c", dir.resolve("etc/dovecot.conf").toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/master.out").toFile()))
                        .start();
                String failure = awaitGreeting(p, port);
                if (failure == null && tlsPort != 0 && !FreePorts.awaitListening(tlsPort, START_TIMEOUT, p::isAlive)) {
                    failure = "imaps port " + tlsPort + " did not open";
                }
                if (failure == null) {
                    Duration startup = Duration.ofNanos(System.nanoTime() - t0);
                    DovecotServer s = new DovecotServer(b, dir, cert, password, port, tlsPort, p, startup);
                    ok = true;
                    return s;
                }
                Processes.terminateTree(p.toHandle(), Duration.ofSeconds(5));
                String log = readOrEmpty(dir.resolve("log/dovecot.log")) + readOrEmpty(dir.resolve("log/master.out"));
                last = new IllegalStateException("Dovecot did not start in " + dir + ": " + failure + "\n" + log);
                if (!log.contains("Address already in use")) {
                    break;
                }
                Files.deleteIfExists(dir.resolve("log/master.out"));
                Files.deleteIfExists(dir.resolve("log/dovecot.log"));
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Dovecot in " + dir, e);
        } finally {
            if (!ok && !Boolean.getBoolean("tidemark.testing.keep")) {
                Posix.deleteTree(dir);
            }
        }
    }

    /** @return null when the server greeted, else why not */
    private static String awaitGreeting(Process p, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return "the master exited with " + p.exitValue();
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 200);
                s.setSoTimeout((int) START_TIMEOUT.toMillis());
                // the greeting comes once auth is ready too: then LOGIN works at once
                String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                s.getOutputStream().write("x LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
                if (greeting != null && greeting.startsWith("* OK")) {
                    return null;
                }
                return "unexpected greeting: " + greeting;
            } catch (IOException e) {
                try {
                    Thread.sleep(3);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }
        return "no greeting on port " + port + " within " + START_TIMEOUT;
    }

    private static void prepareTree(Builder b, Path dir, String password) throws IOException {
        for (String sub : List.of("etc", "run", "state", "log", "home")) {
            Files.createDirectories(dir.resolve(sub));
            Posix.chmod(dir.resolve(sub), "rwxr-xr-x");
        }
        Path home = dir.resolve("home").resolve(b.user);
        Files.createDirectories(home);
        Posix.chmod(home, "rwx------");
        if (Posix.isRoot()) {
            Posix.chown(home, b.mailUid, b.mailGid);
        }
        Path users = dir.resolve("etc/users");
        // passwd-file: user:password:uid:gid:gecos:home:shell:extra
        Files.writeString(users, b.user + ":{PLAIN}" + password + ":" + b.mailUid + ":" + b.mailGid + "::" + home
                + "::\n", StandardCharsets.UTF_8);
        if (Posix.isRoot()) {
            // auth reads the file as the 'dovecot' user: group-readable, not world-readable
            int[] dovecot = Posix.lookupUser("dovecot");
            Posix.chmod(users, dovecot != null ? "rw-r-----" : "rw-r--r--");
            if (dovecot != null) {
                Posix.chown(users, 0, dovecot[1]);
            }
        } else {
            Posix.chmod(users, "rw-------");
        }
    }

    /**
     * Options for a {@link DovecotServer}; {@link #start()} launches it. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private CapabilityProfile profile = CapabilityProfile.FULL;
        private final Set<String> without = new LinkedHashSet<>();
        private boolean tls;
        private boolean compress;
        private String user = "alice";
        private int mailUid = Posix.isRoot() ? DEFAULT_MAIL_ID : Posix.uid();
        private int mailGid = Posix.isRoot() ? DEFAULT_MAIL_ID : Posix.gid();
        private Path dovecot = DOVECOT;
        private Path parent;

        private Builder() {
        }

        /**
         * @param value the folder in which the instance folder is created, e.g. {@code /dev/shm} to keep a
         *            benchmark's million messages in RAM; the system temp folder by default
         * @return this
         */
        public Builder parentDirectory(Path value) {
            parent = Objects.requireNonNull(value, "parentDirectory");
            return this;
        }

        /**
         * @param value the Dovecot master binary; {@link DovecotServer#DOVECOT} by default (another path
         *            serves a Dovecot built elsewhere, and the fixture's own test of the missing-program rule)
         * @return this
         */
        public Builder executable(Path value) {
            dovecot = Objects.requireNonNull(value, "executable");
            return this;
        }

        /**
         * @param value what the server advertises; {@link CapabilityProfile#FULL} by default
         * @return this
         */
        public Builder profile(CapabilityProfile value) {
            profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /**
         * Removes capabilities from the profile's list, e.g. {@code UIDPLUS} and {@code MOVE} for a server
         * that has neither. Any removal turns the list into an explicit {@code imap_capability}, with the
         * effects described on {@link CapabilityProfile}.
         *
         * @param capabilities capability names, case-insensitive
         * @return this
         */
        public Builder withoutCapabilities(String... capabilities) {
            for (String cap : capabilities) {
                without.add(cap.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * @param value whether to add an imaps listener and STARTTLS with a generated certificate; off by
         *            default
         * @return this
         */
        public Builder tls(boolean value) {
            tls = value;
            return this;
        }

        /**
         * @param value whether to load Dovecot's zlib plugins, so that the server offers {@code COMPRESS=DEFLATE}
         *            (added to an explicit capability list too); off by default
         * @return this
         * @since 0.1
         */
        public Builder compress(boolean value) {
            compress = value;
            return this;
        }

        /**
         * @param value the login name; {@code alice} by default
         * @return this
         */
        public Builder user(String value) {
            if (value == null || !value.matches("[a-z][a-z0-9._-]*")) {
                throw new IllegalArgumentException("Not a simple user name: " + value);
            }
            user = value;
            return this;
        }

        /**
         * @param uid the uid that owns the mail; 5000 as root by default (only root may choose)
         * @param gid the gid that owns the mail
         * @return this
         */
        public Builder mailOwner(int uid, int gid) {
            if (!Posix.isRoot() && (uid != Posix.uid() || gid != Posix.gid())) {
                throw new IllegalArgumentException("Only root can run Dovecot with mail owned by " + uid + ":" + gid);
            }
            if (uid < 1 || gid < 1) {
                throw new IllegalArgumentException("The mail owner must not be root: " + uid + ":" + gid);
            }
            mailUid = uid;
            mailGid = gid;
            return this;
        }

        List<String> capabilities() {
            List<String> l = new ArrayList<>(profile.capabilities());
            l.removeIf(without::contains);
            if (compress) {
                l.add("COMPRESS=DEFLATE"); // Dovecot lists it after SPECIAL-USE; an explicit list gets it here
            }
            return List.copyOf(l);
        }

        boolean explicitCapabilities() {
            return profile != CapabilityProfile.FULL || !without.isEmpty();
        }

        /**
         * Starts the server and waits for its greeting.
         *
         * @return the running server
         * @throws IllegalStateException if Dovecot is missing under CI, or does not start (with its log)
         * @throws org.opentest4j.TestAbortedException if Dovecot is missing outside CI
         */
        public DovecotServer start() {
            return launch(this);
        }
    }
}
