/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.util.MailLogger;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.Capabilities;
import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.Security;

/**
 * Opens a session: connect (TLS or STARTTLS as the account says), authenticate, re-read CAPABILITY, ENABLE
 * CONDSTORE/QRESYNC, and optionally COMPRESS. The credentials provider is asked at most twice: a second time,
 * with {@code previousAttemptFailed}, after the server rejected the first secret.
 */
final class SessionOpener {

    private static final PrintStream NO_OUTPUT = new PrintStream(OutputStream.nullOutputStream());

    private final TlsContexts tls;
    private final ScheduledExecutorService scheduler;

    SessionOpener(TlsContexts tls, ScheduledExecutorService scheduler) {
        this.tls = tls;
        this.scheduler = scheduler;
    }

    AngusImapSession open(AccountConfig account, CredentialsProvider provider, SessionOptions options,
            IProgressMonitor monitor) throws CoreException {
        SubMonitor sm = SubMonitor.convert(monitor, "Connecting to " + account.host(), 4);
        Failures failures = new Failures(account);
        if (account.security() == Security.NONE && !account.allowInsecure()) {
            throw failures.of(ImapError.CONFIGURATION, null,
                    "a connection without TLS needs allowInsecure (it sends the password in clear)", null);
        }
        TrafficMeter meter = new TrafficMeter();
        WireTrace trace = new WireTrace(options.trace());
        long maxSegment = Math.min(Integer.MAX_VALUE - 1024L, Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 2));
        WireTap in = new WireTap(false, meter, trace, maxSegment);
        WireTap out = new WireTap(true, meter, trace, Long.MAX_VALUE);
        SSLSocketFactory tlsFactory;
        try {
            tlsFactory = tls.factory(account.pinnedCertificateSha256());
        } catch (GeneralSecurityException e) {
            throw failures.of(ImapError.TLS_HANDSHAKE, null, "TLS is not available: " + e.getMessage(), e);
        }
        int connectTimeout = millis(account.connectTimeout().toMillis());
        int readTimeout = millis(account.readTimeout().toMillis());
        MeteredSocket socket = new MeteredSocket(new MeteredSocket.SocketSettings(account.host(), account.port(),
                account.security() == Security.TLS, tlsFactory, connectTimeout, readTimeout), in, out, scheduler);

        Properties props = new Properties();
        props.put("mail.imap.socketFactory", new MeteredSocketFactory(socket));
        // Never let Angus fall back to a socket of its own (that would bypass TLS and metering).
        props.setProperty("mail.imap.socketFactory.fallback", "false");
        props.put("mail.imap.ssl.socketFactory", new LayerUpgrader());
        props.setProperty("mail.imap.connectiontimeout", Integer.toString(connectTimeout));
        props.setProperty("mail.imap.timeout", Integer.toString(readTimeout));
        // Real mail has addresses a strict parser refuses; they must not fail a FETCH.
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.debug.auth", "false");
        MailLogger logger = new MailLogger("io.tidemark.imap.angus.wire", "DEBUG IMAP", false, NO_OUTPUT);

        ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(() -> {
            if (sm.isCanceled()) {
                socket.abort(MeteredSocket.AbortReason.CANCELED);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        WireProtocol proto = null;
        boolean done = false;
        try {
            String what = "connect to " + failures.endpoint();
            try {
                proto = new WireProtocol(account.host(), account.port(), props, logger);
            } catch (IOException e) {
                throw failures.io(what, null, e, socket.abortReason(), null);
            } catch (ProtocolException e) {
                throw angus(failures, socket, what, e);
            }
            sm.worked(1);
            if (account.security() == Security.STARTTLS) {
                if (!proto.hasCapability("STARTTLS")) {
                    throw failures.of(ImapError.CONFIGURATION, null, failures.endpoint()
                            + " does not offer STARTTLS, and the account does not allow a plain connection", null);
                }
                try {
                    socket.prepareUpgrade(MeteredSocket.Upgrade.TLS);
                    proto.startTLS();
                    proto.capability(); // RFC 3501 §6.2.1: capabilities learned before TLS are void
                } catch (ProtocolException e) {
                    throw angus(failures, socket, "STARTTLS", e);
                }
            }
            sm.worked(1);
            Conversation conv = new Conversation(proto, socket, options.events(), failures, scheduler);
            conv.literals(proto.hasCapability("LITERAL+"), proto.hasCapability("LITERAL-"));
            if (!proto.isAuthenticated()) {
                authenticate(account, provider, proto, conv, trace, failures, socket);
            }
            proto.utf8Responses(true);
            sm.worked(1);
            conv.literals(proto.hasCapability("LITERAL+"), proto.hasCapability("LITERAL-"));
            if (options.compress() && proto.hasCapability("COMPRESS=DEFLATE")) {
                try {
                    socket.prepareUpgrade(MeteredSocket.Upgrade.DEFLATE);
                    // Angus's startTLS(command) sends the command and re-reads the socket's streams; the
                    // LayerUpgrader turns that into switching on DEFLATE (RFC 4978) in the MeteredSocket.
                    proto.startTLS("COMPRESS DEFLATE");
                } catch (IOException e) {
                    throw failures.io("COMPRESS", null, e, socket.abortReason(), null);
                } catch (ProtocolException e) {
                    throw angus(failures, socket, "COMPRESS", e);
                }
            }
            Set<String> enabled = new LinkedHashSet<>();
            if (options.enableExtensions() && (proto.hasCapability("ENABLE") || proto.hasCapability("IMAP4rev2"))) {
                String ask = proto.hasCapability("QRESYNC") ? "CONDSTORE QRESYNC"
                        : proto.hasCapability("CONDSTORE") ? "CONDSTORE" : null;
                if (ask != null) {
                    conv.run(Command.builder("ENABLE").sp(ask).build(), new Conversation.Handler() {
                        @Override
                        public boolean untagged(WireResponse r) {
                            if (r.keyEquals("ENABLED")) {
                                Lexer lx = r.lexer();
                                while (!lx.atEnd()) {
                                    enabled.add(lx.atom().toUpperCase(Locale.ROOT));
                                }
                                return true;
                            }
                            return false;
                        }
                    }, sm.newChild(1));
                }
            }
            Map<String, String> caps = proto.getCapabilities();
            AngusImapSession session = new AngusImapSession(account, conv, meter,
                    new Capabilities(caps.keySet(), enabled));
            done = true;
            return session;
        } finally {
            watch.cancel(false);
            if (!done && proto != null) {
                proto.drop();
            } else if (!done) {
                socket.abort(MeteredSocket.AbortReason.CANCELED);
            }
        }
    }

    private static int millis(long ms) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** Maps an Angus protocol exception of the connect phase. */
    static CoreException angus(Failures failures, MeteredSocket socket, String what, ProtocolException e) {
        Response r = e.getResponse();
        if (r != null && r.isSynthetic() && r.getException() instanceof IOException io) {
            return failures.io(what, null, io, socket.abortReason(), null);
        }
        IOException io = Failures.find(e, IOException.class);
        if (io != null) {
            return failures.io(what, null, io, socket.abortReason(), null);
        }
        if (e instanceof ConnectionException) {
            return failures.of(ImapError.SERVER_BYE, null, what + ": the server said BYE: " + text(r), null);
        }
        if (e instanceof CommandFailedException || e instanceof BadCommandException) {
            return failures.of(ImapError.COMMAND_REJECTED, null, what + " failed: " + text(r), null);
        }
        return failures.of(ImapError.PROTOCOL, null, what + ": " + e.getMessage(), null);
    }

    private static String text(Response r) {
        if (r == null) {
            return "(no response)";
        }
        if (r instanceof WireResponse w) {
            return w.shownRest();
        }
        byte[] b = r.toString().getBytes(StandardCharsets.UTF_8);
        return WireResponse.shown(b, b.length);
    }

    // ---------------------------------------------------------------------------------------- authentication

    private void authenticate(AccountConfig account, CredentialsProvider provider, WireProtocol proto,
            Conversation conv, WireTrace trace, Failures failures, MeteredSocket socket) throws CoreException {
        String previousFailure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Credentials c = provider.credentials(account, attempt > 0);
            if (c == null) {
                throw failures.of(ImapError.AUTHENTICATION, null, "no credentials for user '" + account.user() + "'",
                        null);
            }
            char[] secret = c.secret();
            Map<String, String> before = proto.getCapabilities();
            try {
                String mechanism = mechanism(account, c, proto, failures);
                trace.sensitive(true);
                proto.quiet(true);
                WireResponse ok = null;
                try {
                    switch (mechanism) {
                        // Why not Angus's login(): it writes each character's low byte, which breaks non-ASCII
                        // passwords; Command sends them as UTF-8 literals.
                        case "LOGIN" -> ok = conv.run(Command.builder("LOGIN").string(c.user())
                                .string(new String(secret)).build(), Conversation.NONE, null);
                        case "PLAIN" -> proto.authplain(null, c.user(), new String(secret));
                        default -> ok = sasl(mechanism, account, c.user(), secret, proto, conv);
                    }
                } finally {
                    trace.sensitive(false);
                    proto.quiet(false);
                }
                ResponseCode code = ok == null ? null : ResponseCode.of(ok);
                if (code != null && code.is("CAPABILITY")) {
                    proto.takeCapabilities(ok);
                } else if (proto.getCapabilities() == before) {
                    // The server sent no CAPABILITY with its OK: ask, since they may differ after login.
                    try {
                        proto.capability();
                    } catch (ProtocolException e) {
                        throw angus(failures, socket, "CAPABILITY", e);
                    }
                }
                return;
            } catch (CommandFailedException e) {
                previousFailure = text(e.getResponse());
            } catch (BadCommandException e) {
                throw failures.of(ImapError.AUTHENTICATION, null, "the server refused the authentication command of '"
                        + account.user() + "': " + text(e.getResponse()), null);
            } catch (ProtocolException e) {
                throw angus(failures, socket, "authentication", e);
            } catch (CoreException e) {
                ImapError err = ImapStatus.errorOf(e);
                if (err != ImapError.COMMAND_REJECTED && err != ImapError.AUTHENTICATION) {
                    throw e;
                }
                previousFailure = e.getStatus().getMessage();
            } finally {
                Arrays.fill(secret, '\0');
                c.destroy();
            }
        }
        throw failures.of(ImapError.AUTHENTICATION, null, "the server rejected the credentials of '" + account.user()
                + "': " + previousFailure, null);
    }

    /** Picks the mechanism: the account's choice, or for AUTO the best the server offers for the secret. */
    private static String mechanism(AccountConfig account, Credentials c, WireProtocol proto, Failures failures)
            throws CoreException {
        AuthMechanism m = account.auth();
        boolean token = c.isToken() || m.usesToken();
        if (m == AuthMechanism.AUTO) {
            if (token) {
                if (proto.hasCapability("AUTH=OAUTHBEARER")) {
                    return "OAUTHBEARER";
                }
                if (proto.hasCapability("AUTH=XOAUTH2")) {
                    return "XOAUTH2";
                }
                throw failures.of(ImapError.AUTHENTICATION, null, failures.endpoint()
                        + " offers neither OAUTHBEARER nor XOAUTH2 for a token", null);
            }
            if (proto.hasCapability("AUTH=PLAIN")) {
                return "PLAIN";
            }
            if (!proto.hasCapability("LOGINDISABLED")) {
                return "LOGIN";
            }
            throw failures.of(ImapError.CONFIGURATION, null, failures.endpoint()
                    + " disables LOGIN and offers no AUTH=PLAIN", null);
        }
        if (m.usesToken() != c.isToken()) {
            throw failures.of(ImapError.CONFIGURATION, null, "mechanism " + m + " needs " + (m.usesToken()
                    ? "an OAuth token" : "a password") + ", but the credentials provider gave "
                    + (c.isToken() ? "a token" : "a password"), null);
        }
        if (m == AuthMechanism.LOGIN && proto.hasCapability("LOGINDISABLED")) {
            throw failures.of(ImapError.CONFIGURATION, null, failures.endpoint() + " disables LOGIN", null);
        }
        return m.name();
    }

    /**
     * XOAUTH2 (Google, Microsoft) and OAUTHBEARER (RFC 7628) with this bundle's own exchange, because a
     * failed exchange needs a specific answer: the server sends an error challenge, and the client must
     * reply with an empty line (XOAUTH2) or {@code ^A} (OAUTHBEARER, RFC 7628 §3.2.3) to get the tagged NO;
     * Angus would send the token again. Uses SASL-IR (RFC 4959) when offered.
     */
    private static WireResponse sasl(String mechanism, AccountConfig account, String user, char[] token,
            WireProtocol proto, Conversation conv) throws CoreException {
        String t = new String(token);
        String message = mechanism.equals("XOAUTH2") ? "user=" + user + "\u0001auth=Bearer " + t + "\u0001\u0001"
                : "n,a=" + user.replace("=", "=3D").replace(",", "=2C") + ",\u0001host=" + account.host()
                        + "\u0001port=" + account.port() + "\u0001auth=Bearer " + t + "\u0001\u0001";
        String initial = Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));
        boolean saslIr = proto.hasCapability("SASL-IR");
        Command.Builder b = Command.builder("AUTHENTICATE").sp(mechanism);
        if (saslIr) {
            b.sp(initial);
        }
        boolean[] sent = { saslIr };
        return conv.run(b.build(), new Conversation.Handler() {
            @Override
            public boolean continuation(WireResponse r) {
                String line = sent[0] ? (mechanism.equals("XOAUTH2") ? "" : "AQ==") : initial;
                sent[0] = true;
                try {
                    conv.writeContinuation(line);
                } catch (IOException e) {
                    // the connection is broken; the read that follows reports it
                }
                return true;
            }
        }, null);
    }
}
