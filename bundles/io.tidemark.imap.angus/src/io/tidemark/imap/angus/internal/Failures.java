/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxName;

/**
 * Maps what goes wrong below the API (I/O, TLS, Angus exceptions, NO/BAD/BYE, malformed responses) to
 * {@link CoreException}s with an {@link ImapStatus}, in one place. Messages name the account, the mailbox and
 * the command, and quote the server's text; they never contain credentials (the server's answers to a
 * command never echo secrets, and authentication commands are named, not quoted).
 */
final class Failures {

    /** Server texts that mean "no such mailbox" from servers without RFC 5530 response codes. */
    private static final Pattern MISSING = Pattern.compile(
            "(?i).*(does ?n[o']t exist|doesn't exist|no such (mailbox|folder)|unknown (mailbox|folder)"
                    + "|mailbox (not found|does not exist)|folder not found|not exist).*");

    /** Server texts of throttling (Microsoft 365 "Request is throttled", Gmail "Too many ..."). */
    private static final Pattern THROTTLED = Pattern.compile("(?i).*(throttl|too many (simultaneous|connections|"
            + "requests|commands)|rate limit|try again later).*");

    private final AccountConfig account;

    Failures(AccountConfig account) {
        this.account = account;
    }

    CoreException of(ImapError error, MailboxName mailbox, String message, Throwable cause) {
        return ImapStatus.exception(error, account.id(), mailbox, message, cause);
    }

    /** @return where the session connects, for messages */
    String endpoint() {
        return account.host() + ":" + account.port();
    }

    /**
     * Maps an I/O failure during connect or a command.
     *
     * @param what what was going on, e.g. "UID FETCH" or "connect to host:port"
     * @param e the failure
     * @param abortReason why the socket was closed from outside, or null
     * @param bye the text of a BYE received before, or null
     */
    CoreException io(String what, MailboxName mailbox, IOException e, MeteredSocket.AbortReason abortReason,
            String bye) {
        if (abortReason == MeteredSocket.AbortReason.CANCELED) {
            return of(ImapError.CANCELED, mailbox, what + " was canceled", null);
        }
        if (abortReason == MeteredSocket.AbortReason.TIMEOUT) {
            return of(ImapError.TIMEOUT, mailbox, what + ": " + endpoint() + " did not accept data within "
                    + account.readTimeout().toSeconds() + " s", e);
        }
        if (e instanceof OversizedResponseException) {
            return of(ImapError.PROTOCOL, mailbox, what + ": " + e.getMessage(), null);
        }
        if (bye != null) {
            return of(ImapError.SERVER_BYE, mailbox, what + ": the server closed the connection: " + bye, null);
        }
        Throwable root = rootCause(e);
        if (find(e, UnknownHostException.class) != null) {
            return of(ImapError.UNKNOWN_HOST, mailbox, "unknown host '" + account.host() + "'", null);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return of(ImapError.TIMEOUT, mailbox, what + ": " + endpoint() + " did not answer within "
                    + account.readTimeout().toSeconds() + " s", null);
        }
        SSLException ssl = find(e, SSLException.class);
        if (ssl != null) {
            if (find(e, CertificateException.class) != null || ssl instanceof SSLHandshakeException
                    && String.valueOf(ssl.getMessage()).toLowerCase(Locale.ROOT).contains("certificate")) {
                return of(ImapError.TLS_TRUST, mailbox, "the certificate of " + endpoint()
                        + " is not trusted (not in the trust store, issued for another host, or not the pinned one): "
                        + root.getMessage(), null);
            }
            return of(ImapError.TLS_HANDSHAKE, mailbox, "TLS with " + endpoint() + " failed: " + root.getMessage(),
                    null);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return of(ImapError.CONNECTION_REFUSED, mailbox, "cannot connect to " + endpoint() + ": "
                    + root.getMessage(), null);
        }
        if (e instanceof InterruptedIOException) {
            return of(ImapError.TIMEOUT, mailbox, what + ": interrupted", null);
        }
        String detail = e instanceof EOFException || "Connection dropped by server?".equals(e.getMessage())
                ? "the server closed the connection" : String.valueOf(root.getMessage());
        return of(ImapError.NETWORK, mailbox, what + ": " + detail, null);
    }

    /**
     * Maps a tagged NO or BAD.
     *
     * @param verb the command verb, e.g. "SELECT"
     * @param mailbox the mailbox the command names, or null
     * @param mayBeMissing whether a NO may mean the mailbox does not exist
     * @param r the tagged response
     */
    CoreException rejected(String verb, MailboxName mailbox, boolean mayBeMissing, WireResponse r) {
        String text = r.shownRest();
        ResponseCode code = safeCode(r);
        String name = code == null ? "" : code.name();
        if (r.isNO() && mailbox != null && (name.equals("NONEXISTENT") || name.equals("TRYCREATE")
                || mayBeMissing && code == null && MISSING.matcher(text).matches())) {
            return of(ImapError.MAILBOX_MISSING, mailbox, verb + ": no such mailbox: " + text, null);
        }
        if (name.equals("LIMIT") || name.equals("INUSE") || name.equals("UNAVAILABLE")
                || THROTTLED.matcher(text).matches()) {
            return of(ImapError.THROTTLED, mailbox, verb + " refused for now: " + text, null);
        }
        if (name.equals("AUTHENTICATIONFAILED") || name.equals("AUTHORIZATIONFAILED")
                || name.equals("EXPIRED")) {
            return of(ImapError.AUTHENTICATION, mailbox, verb + ": " + text, null);
        }
        return of(ImapError.COMMAND_REJECTED, mailbox, verb + " " + (r.isNO() ? "failed" : "was rejected as bad")
                + ": " + text, null);
    }

    private static ResponseCode safeCode(WireResponse r) {
        try {
            return ResponseCode.of(r);
        } catch (ResponseFormatException e) {
            return null;
        }
    }

    /** A response this bundle could not read. */
    CoreException protocol(String what, MailboxName mailbox, String line, String problem) {
        return of(ImapError.PROTOCOL, mailbox, what + ": malformed response from " + endpoint() + " (" + problem
                + "): " + line, null);
    }

    /** @return the innermost cause */
    static Throwable rootCause(Throwable t) {
        Throwable r = t;
        int guard = 0;
        while (r.getCause() != null && r.getCause() != r && guard++ < 20) {
            r = r.getCause();
        }
        return r;
    }

    /** @return the first throwable of that type in the cause chain, or null */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        Throwable r = t;
        int guard = 0;
        while (r != null && guard++ < 20) {
            if (type.isInstance(r)) {
                return type.cast(r);
            }
            r = r.getCause();
        }
        return null;
    }
}
