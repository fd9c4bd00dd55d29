/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.Store;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.Security;
import io.tidemark.testing.internal.FreePorts;

import org.eclipse.angus.mail.util.MailStreamProvider;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail 2.1 in the test JVM: an IMAP server on 127.0.0.1 and a free port with one user
 * ({@code alice}, random password). It advertises {@code IMAP4rev1 LITERAL+ UIDPLUS SORT IDLE MOVE SASL-IR
 * AUTH=XOAUTH2 QUOTA} and really refuses what it lacks ({@code ENABLE} is a {@code BAD} command; no
 * CONDSTORE, QRESYNC, ESEARCH, SPECIAL-USE), so it is the server for the engine's plain-IMAP fallback
 * paths. Its hierarchy separator is {@code .} ({@link #SEPARATOR}); it starts with INBOX only.
 * <p>
 * Server-side changes go through {@link #otherClient()} like on any server, or through GreenMail's own
 * API ({@link #greenMail()}). {@link #resetUidValidity(String)} gives a mailbox a new UIDVALIDITY: GreenMail
 * keeps it in a final field set from the clock at creation, so the mailbox is deleted and created again
 * in a later second and its messages are appended anew (new UIDs from 1, same content, flags and
 * internal dates), as after a server restore.
 * <p>
 * Quirks of GreenMail 2.1.8 seen here: {@code BODY[TEXT]} and other body parts come back with bare LF line
 * ends; {@code STORE FLAGS} (replace) keeps keywords it should remove; {@code UNSUBSCRIBE} of a mailbox that
 * no longer exists is refused.
 * <p>
 * Thread-safe as GreenMail is; {@link #close()} stops the server. Starting takes a few milliseconds.
 *
 * @since 0.1
 */
public final class GreenMailServer implements AutoCloseable {

    /** GreenMail's mailbox hierarchy separator. */
    public static final char SEPARATOR = '.';

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GreenMail greenMail;
    private final GreenMailUser greenMailUser;
    private final String user;
    private final String password;
    private final int port;

    private GreenMailServer(GreenMail greenMail, GreenMailUser greenMailUser, String user, String password, int port) {
        this.greenMail = greenMail;
        this.greenMailUser = greenMailUser;
        this.user = user;
        this.password = password;
        this.port = port;
    }

    /**
     * Starts GreenMail (IMAP only) with user {@code alice}.
     *
     * @return the running server
     * @throws IllegalStateException if it does not start
     */
    public static GreenMailServer start() {
        return start("alice");
    }

    /**
     * Starts GreenMail (IMAP only) with the given user.
     *
     * @param user the login name
     * @return the running server
     * @throws IllegalStateException if it does not start
     */
    public static GreenMailServer start(String user) {
        String password = newPassword();
        RuntimeException last = null;
        // a free port can be taken between probing and binding: retry with another one
        for (int attempt = 0; attempt < 4; attempt++) {
            int port = FreePorts.find();
            // Jakarta Mail finds its StreamProvider through the thread context class loader, which in OSGi
            // does not see Angus: give GreenMail's threads (they inherit it) Angus's class loader
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(MailStreamProvider.class.getClassLoader());
            GreenMail gm = new GreenMail(new ServerSetup(port, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_IMAP));
            try {
                gm.start();
                GreenMailUser u = gm.setUser(user + "@tidemark.test", user, password);
                if (!FreePorts.awaitListening(port, Duration.ofSeconds(10), () -> true)) {
                    throw new IllegalStateException("GreenMail IMAP is not listening on " + port);
                }
                return new GreenMailServer(gm, u, user, password, port);
            } catch (RuntimeException e) {
                gm.stop();
                last = e;
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        throw new IllegalStateException("GreenMail did not start on 127.0.0.1: " + last.getMessage(), last);
    }

    private static String newPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return FreePorts.LOOPBACK;
    }

    /** @return the IMAP port */
    public int port() {
        return port;
    }

    /** @return the login name */
    public String user() {
        return user;
    }

    /** @return the password, generated for this instance */
    public String password() {
        return password;
    }

    /** @return the underlying GreenMail, for its own API */
    public GreenMail greenMail() {
        return greenMail;
    }

    /**
     * A plain-text account for this server: {@link Security#NONE} with {@code allowInsecure}, connect
     * timeout 5 s, read timeout 15 s, every mailbox. The password is not part of it.
     *
     * @param id the local account name
     * @return the account
     */
    public AccountConfig account(String id) {
        return AccountConfig.builder(AccountId.of(id)).host(host()).port(port).security(Security.NONE)
                .allowInsecure(true).user(user).connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
                .folders(FolderSelection.ALL).build();
    }

    /** @return a new logged-in raw IMAP connection, acting as another device */
    public OtherClient otherClient() {
        return OtherClient.connect(host(), port, user, password);
    }

    /**
     * @param mailbox a mailbox name ({@code .} as separator)
     * @return its UIDVALIDITY as GreenMail holds it
     * @throws IllegalArgumentException if there is no such mailbox
     */
    public long uidValidity(String mailbox) {
        return folder(mailbox).getUidValidity();
    }

    /**
     * Gives a mailbox a new UIDVALIDITY by deleting and re-creating it in a later second, then appending
     * its messages again (new UIDs from 1; content, flags and internal dates kept). Blocks up to a second.
     * Sessions that have the mailbox selected keep seeing the old, deleted folder until they select again.
     *
     * @param mailbox a mailbox name, INBOX included
     * @return the new UIDVALIDITY
     * @throws IllegalArgumentException if there is no such mailbox
     * @throws IllegalStateException if GreenMail refuses
     */
    public long resetUidValidity(String mailbox) {
        // copying messages parses them with Jakarta Mail, which needs Angus on the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailStreamProvider.class.getClassLoader());
        try {
            return recreate(mailbox);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private long recreate(String mailbox) {
        MailFolder old = folder(mailbox);
        long oldValidity = old.getUidValidity();
        List<StoredMessage> messages = new ArrayList<>(old.getMessages());
        List<MimeMessage> mimes = new ArrayList<>();
        List<Flags> flags = new ArrayList<>();
        List<Date> dates = new ArrayList<>();
        for (StoredMessage m : messages) {
            mimes.add(m.getMimeMessage());
            flags.add(new Flags(m.getFlags()));
            dates.add(m.getReceivedDate());
        }
        // GreenMail's UIDVALIDITY is the creation time in seconds: wait for the next second
        while (System.currentTimeMillis() / 1000 <= oldValidity) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while resetting UIDVALIDITY of " + mailbox, e);
            }
        }
        String fullName = old.getFullName();
        int dot = fullName.lastIndexOf(SEPARATOR);
        Store store = hostManager().getStore();
        try {
            MailFolder parent = store.getMailbox(fullName.substring(0, dot));
            old.deleteAllMessages();
            old.signalDeletion();
            store.deleteMailbox(old);
            MailFolder fresh = store.createMailbox(parent, fullName.substring(dot + 1), true);
            for (int i = 0; i < mimes.size(); i++) {
                fresh.appendMessage(mimes.get(i), flags.get(i), dates.get(i));
            }
            return fresh.getUidValidity();
        } catch (FolderException e) {
            throw new IllegalStateException("GreenMail refused to re-create " + mailbox + ": " + e.getMessage(), e);
        }
    }

    private ImapHostManager hostManager() {
        return greenMail.getUserManager().getImapHostManager();
    }

    private MailFolder folder(String mailbox) {
        MailFolder f = hostManager().getFolder(greenMailUser, mailbox);
        if (f == null) {
            throw new IllegalArgumentException("No mailbox " + mailbox + " for " + user + " in GreenMail");
        }
        return f;
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "GreenMail on " + host() + ":" + port + ", user " + user;
    }
}
