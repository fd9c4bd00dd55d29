/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;

/** The one place where failures become coded statuses. */
class FailuresTest {

    private final Failures failures = new Failures(AccountConfig.builder(AccountId.of("work")).host("imap.example.com")
            .user("alice").build());
    private final MailboxName box = MailboxName.of("Archive");

    private ImapError rejected(String line, boolean mayBeMissing) {
        return ImapStatus.errorOf(failures.rejected("SELECT", box, mayBeMissing, WireResponse.of(line)));
    }

    @Test
    void responseCodesDecideTheKindOfRefusal() {
        assertEquals(ImapError.MAILBOX_MISSING, rejected("t1 NO [NONEXISTENT] Unknown Mailbox", false));
        assertEquals(ImapError.MAILBOX_MISSING, rejected("t1 NO [TRYCREATE] Mailbox doesn't exist", false));
        assertEquals(ImapError.THROTTLED, rejected("t1 NO [LIMIT] Too many", false));
        assertEquals(ImapError.THROTTLED, rejected("t1 NO [UNAVAILABLE] Backend down", false));
        assertEquals(ImapError.AUTHENTICATION, rejected("t1 NO [AUTHENTICATIONFAILED] Nope", false));
        assertEquals(ImapError.COMMAND_REJECTED, rejected("t1 NO [ALREADYEXISTS] Exists", true));
        assertEquals(ImapError.COMMAND_REJECTED, rejected("t1 BAD Error in IMAP command", true));
    }

    @Test
    void textsOfServersWithoutCodesAreRecognized() {
        assertEquals(ImapError.MAILBOX_MISSING, rejected("t1 NO Mailbox does not exist", true));
        assertEquals(ImapError.MAILBOX_MISSING, rejected("t1 NO SELECT failed. No such mailbox.", true));
        assertEquals(ImapError.COMMAND_REJECTED, rejected("t1 NO Mailbox does not exist", false),
                "only where a NO may mean a missing mailbox");
        assertEquals(ImapError.THROTTLED, rejected("t1 NO Request is throttled. Suggested Backoff Time: 299961 "
                + "milliseconds", false));
    }

    @Test
    void messagesNameAccountMailboxAndTheServersText() {
        CoreException e = failures.rejected("SELECT", box, true, WireResponse.of("t1 NO [NONEXISTENT] Unknown Mailbox"));
        String m = e.getStatus().getMessage();
        assertTrue(m.startsWith("account 'work', mailbox 'Archive': SELECT"), m);
        assertTrue(m.contains("Unknown Mailbox"), m);
    }

    @Test
    void ioFailuresAreClassified() {
        assertEquals(ImapError.TIMEOUT, io(new SocketTimeoutException("Read timed out"), null, null));
        assertEquals(ImapError.NETWORK, io(new EOFException(), null, null));
        assertEquals(ImapError.NETWORK, io(new IOException("Connection dropped by server?"), null, null));
        assertEquals(ImapError.SERVER_BYE, io(new IOException("Connection dropped by server?"), null, "Shutting down"));
        assertEquals(ImapError.CANCELED, io(new IOException("Socket closed"), MeteredSocket.AbortReason.CANCELED, null));
        assertEquals(ImapError.TIMEOUT, io(new IOException("Socket closed"), MeteredSocket.AbortReason.TIMEOUT, null));
        assertEquals(ImapError.PROTOCOL, io(new OversizedResponseException("too big"), null, null));
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertEquals(ImapError.TLS_TRUST, io(untrusted, null, null));
        assertEquals(ImapError.TLS_HANDSHAKE, io(new SSLHandshakeException("no cipher suites in common"), null, null));
        ImapStatus s = ImapStatus.find(failures.io("x", null, new EOFException(), null, null)).map(ImapStatus.class::cast)
                .orElseThrow();
        assertTrue(s.isRetryable() && s.isOffline());
        assertFalse(ImapStatus.find(failures.io("x", null, untrusted, null, null)).orElseThrow().isRetryable());
    }

    private ImapError io(IOException e, MeteredSocket.AbortReason reason, String bye) {
        return ImapStatus.errorOf(failures.io("UID FETCH", box, e, reason, bye));
    }
}
