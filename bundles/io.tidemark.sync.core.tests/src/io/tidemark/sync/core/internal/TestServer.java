/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.GreenMailServer;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * The real servers the engine is tested against, behind one face: Dovecot in its three capability profiles
 * (QRESYNC, CONDSTORE only, plain IMAP4rev1) and GreenMail (plain, in the JVM).
 */
abstract class TestServer implements AutoCloseable {

    private static final AtomicLong ACCOUNTS = new AtomicLong();

    /** @return a short name for messages, e.g. {@code dovecot-FULL} */
    abstract String name();

    /** @return an account of the server with every mailbox synced */
    abstract AccountConfig account(String id);

    /** @return a fresh account name, unique in this JVM (tests share one memory store) */
    static String uniqueAccount(String prefix) {
        return prefix + "-" + ACCOUNTS.incrementAndGet();
    }

    abstract String password();

    /** @return a new connection acting as another device */
    abstract OtherClient other();

    /** Gives the mailbox a new UIDVALIDITY, as a server rebuild would. */
    abstract void resetUidValidity(String mailbox);

    /** @return the message generator for this server: realistic mail, multipart included */
    MessageFactory messages(long seed) {
        return new MessageFactory(seed);
    }

    /**
     * @return whether {@link #resetUidValidity} works while other sessions (including logged-out ones) have
     *         used the mailbox; GreenMail's does not (see {@link MailboxLifecycleContract})
     */
    boolean canResetUidValidity() {
        return true;
    }

    /** Drops every connection of the user, as a server restart or a NAT timeout would. */
    void kick() {
        throw new UnsupportedOperationException(name() + " cannot drop connections");
    }

    CredentialsProvider credentials() {
        return (account, failed) -> Credentials.password(account.user(), password().toCharArray());
    }

    @Override
    public abstract void close();

    static TestServer dovecot(CapabilityProfile profile) {
        return dovecot(profile, false);
    }

    /** @param compress whether the server offers COMPRESS=DEFLATE (which the engine then uses) */
    static TestServer dovecot(CapabilityProfile profile, boolean compress) {
        return dovecot(profile, compress, new String[0]);
    }

    /** @param without capabilities the server does not advertise, e.g. UIDPLUS and MOVE */
    static TestServer dovecot(CapabilityProfile profile, boolean compress, String... without) {
        DovecotServer d = DovecotServer.builder().profile(profile).compress(compress).withoutCapabilities(without)
                .start();
        return new TestServer() {
            private long nextUidValidity = 1_000_000;

            @Override
            String name() {
                return "dovecot-" + profile + (compress ? "+COMPRESS" : "")
                        + (without.length == 0 ? "" : "-" + String.join("-", without));
            }

            @Override
            AccountConfig account(String id) {
                return d.account(id);
            }

            @Override
            String password() {
                return d.password();
            }

            @Override
            OtherClient other() {
                return d.otherClient();
            }

            @Override
            void resetUidValidity(String mailbox) {
                d.forceUidValidity(mailbox, nextUidValidity++);
            }

            @Override
            void kick() {
                d.doveadm("kick", d.user());
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    static TestServer greenMail() {
        GreenMailServer g = GreenMailServer.start();
        return new TestServer() {
            @Override
            String name() {
                return "greenmail";
            }

            @Override
            AccountConfig account(String id) {
                return g.account(id);
            }

            @Override
            String password() {
                return g.password();
            }

            @Override
            OtherClient other() {
                return g.otherClient();
            }

            @Override
            void resetUidValidity(String mailbox) {
                g.resetUidValidity(mailbox);
            }

            /**
             * Plain-text messages only: inside OSGi GreenMail's Jakarta Activation finds no handler for
             * multipart content, stores such messages without parts and then drops the connection with a
             * NullPointerException when asked for their BODYSTRUCTURE.
             */
            @Override
            boolean canResetUidValidity() {
                return false;
            }

            @Override
            MessageFactory messages(long seed) {
                return new MessageFactory(seed, MessageFactory.SizeProfile.SMALL);
            }

            @Override
            public void close() {
                g.close();
            }
        };
    }
}
