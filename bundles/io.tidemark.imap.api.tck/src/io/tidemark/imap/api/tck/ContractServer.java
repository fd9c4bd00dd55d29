/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api.tck;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.testing.OtherClient;

/**
 * The server a contract test runs against, as the test bundle of a transport supplies it (typically a
 * {@code io.tidemark.testing} fixture started once per test class).
 * <p>
 * Called on the JUnit thread; {@link #otherClient()} may also be called from a helper thread of a test.
 *
 * @since 0.1
 */
@ConsumerType
public interface ContractServer {

    /** @return a name for messages, e.g. {@code Dovecot FULL} */
    String name();

    /**
     * @param id the local account name
     * @return an account for the test user
     */
    AccountConfig account(String id);

    /** @return a provider that hands out the test user's correct password */
    CredentialsProvider credentials();

    /** @return a new, logged-in second client of the same user; the caller closes it */
    OtherClient otherClient();

    /** @return the hierarchy delimiter of the server's namespace */
    char separator();

    /** @return capability atoms the server must advertise after login (upper case) */
    Set<String> expectedCapabilities();

    /** @return capability atoms the server must not advertise after login (upper case) */
    Set<String> absentCapabilities();

    /** @return whether the server marks special-use mailboxes (Sent, Trash...) in LIST */
    boolean hasSpecialUseMailboxes();

    /**
     * @return whether RFC822.SIZE is the exact size of the message as appended (GreenMail reports the size
     *         of the body part only)
     */
    default boolean reportsExactSizes() {
        return true;
    }

    /** @return whether UID COPY and UID MOVE answer with COPYUID when UIDPLUS is advertised (GreenMail does not) */
    default boolean returnsCopyUid() {
        return true;
    }
}
