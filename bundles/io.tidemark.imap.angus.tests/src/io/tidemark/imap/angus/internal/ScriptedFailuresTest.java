/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;
import io.tidemark.model.UidSet;

/** Authentication, the protocol trace, and every way a connection can fail, against scripted servers. */
class ScriptedFailuresTest {

    private final AngusImapTransport transport = new AngusImapTransport();
    private final List<ServerEvent> events = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    private SessionOptions options() {
        return SessionOptions.DEFAULT.withEvents(events::add).withTrace(trace::add);
    }

    private ImapSession open(ScriptedImapServer server) throws CoreException {
        return transport.open(FakeSessions.account(server).build(), FakeSessions.Secrets.passwords("secret"),
                options(), null);
    }

    private static ImapError code(CoreException e) {
        return ImapStatus.errorOf(e);
    }

    private String traceText() {
        return String.join("\n", trace);
    }

    // ---------------------------------------------------------------------------------------- authentication

    @Test
    void saslPlainIsChosenWhenOfferedAndItsSecretNeverReachesTheTrace() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("auth-plain")) {
            try (ImapSession s = transport.open(FakeSessions.account(server).auth(AuthMechanism.AUTO).build(),
                    FakeSessions.Secrets.passwords("s3cr\u00e9t"), options(), null)) {
                assertTrue(s.capabilities().idle(), "capabilities from the OK of AUTHENTICATE");
                assertEquals(1, s.counters().commands(), "the SASL response line is no command");
            }
            server.verify();
        }
        String t = traceText();
        assertTrue(t.contains("AUTHENTICATE PLAIN ***"), t);
        assertFalse(t.contains("s3cr"), t);
        assertFalse(t.contains("AGFsaWNlAHMzY3LDqXQ="), t);
        assertTrue(t.contains("S: * BYE Logging out"), "the rest of the conversation is traced: " + t);
    }

    @Test
    void rejectedLoginAsksTheProviderAgainAndSendsEightBitPasswordsAsLiterals() throws Exception {
        FakeSessions.Secrets secrets = FakeSessions.Secrets.passwords("old\"pw", "n\u00f6wpw");
        try (ScriptedImapServer server = ScriptedImapServer.start("auth-login-retry")) {
            try (ImapSession s = transport.open(FakeSessions.account(server).build(), secrets, options(), null)) {
                assertTrue(s.isOpen());
            }
            server.verify();
        }
        assertEquals(List.of(false, true), secrets.asked);
        String t = traceText();
        assertFalse(t.contains("old"), t);
        assertFalse(t.contains("wpw"), t);
        assertTrue(t.contains("LOGIN ***"), t);
    }

    @Test
    void twoRejectedSecretsFailWithAuthenticationAndNoThirdAttempt() throws Exception {
        FakeSessions.Secrets secrets = FakeSessions.Secrets.passwords("wrong1", "wrong2", "never");
        try (ScriptedImapServer server = ScriptedImapServer.start("auth-login-fails")) {
            CoreException e = assertThrows(CoreException.class,
                    () -> transport.open(FakeSessions.account(server).build(), secrets, options(), null));
            assertEquals(ImapError.AUTHENTICATION, code(e));
            assertFalse(ImapStatus.find(e).orElseThrow().isRetryable());
            assertFalse(e.getStatus().getMessage().contains("wrong"), e.getStatus().getMessage());
            server.verify();
        }
        assertEquals(List.of(false, true), secrets.asked);
        assertFalse(traceText().contains("wrong"), traceText());
    }

    @Test
    void xoauth2AnswersAnErrorChallengeWithAnEmptyLineAndRetriesWithANewToken() throws Exception {
        FakeSessions.Secrets tokens = FakeSessions.Secrets.tokens("tok-1", "tok-2");
        try (ScriptedImapServer server = ScriptedImapServer.start("auth-xoauth2")) {
            try (ImapSession s = transport.open(FakeSessions.account(server).auth(AuthMechanism.XOAUTH2).build(),
                    tokens, options(), null)) {
                assertTrue(s.capabilities().idle());
            }
            server.verify();
        }
        assertEquals(List.of(false, true), tokens.asked);
        String t = traceText();
        assertFalse(t.contains("tok-"), t);
        assertFalse(t.contains(Base64.getEncoder().encodeToString(
                "user=alice\u0001auth=Bearer tok-1\u0001\u0001".getBytes(StandardCharsets.UTF_8))), t);
        assertTrue(t.contains("AUTHENTICATE XOAUTH2 ***"), t);
    }

    @Test
    void oauthBearerSendsTheGs2HeaderWithHostAndPort() throws Exception {
        FakeSessions.Secrets tokens = FakeSessions.Secrets.tokens("tok-a", "tok-b");
        try (ScriptedImapServer server = ScriptedImapServer.start("auth-oauthbearer")) {
            try (ImapSession s = transport.open(FakeSessions.account(server).auth(AuthMechanism.AUTO).build(),
                    tokens, options(), null)) {
                assertTrue(s.capabilities().idle());
            }
            server.verify();
            List<String> lines = server.received();
            String second = new String(Base64.getDecoder().decode(lines.get(4)), StandardCharsets.UTF_8);
            assertEquals("n,a=alice,\u0001host=127.0.0.1\u0001port=" + server.port()
                    + "\u0001auth=Bearer tok-b\u0001\u0001", second);
        }
        assertFalse(traceText().contains("tok-"), traceText());
    }

    @Test
    void aPasswordForATokenMechanismIsAConfigurationError() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.ofLines("cfg", List.of(
                "S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] ready", "CLOSE"))) {
            CoreException e = assertThrows(CoreException.class, () -> transport.open(
                    FakeSessions.account(server).auth(AuthMechanism.XOAUTH2).build(),
                    FakeSessions.Secrets.passwords("pw"), options(), null));
            assertEquals(ImapError.CONFIGURATION, code(e));
        }
    }

    // ---------------------------------------------------------------------------------------- broken servers

    @Test
    void byeInTheMiddleOfACommandIsReportedAsServerBye() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("bye-mid-command")) {
            ImapSession s = open(server);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            List<FetchedMessage> got = new ArrayList<>();
            CoreException e = assertThrows(CoreException.class,
                    () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, got::add, null));
            assertEquals(ImapError.SERVER_BYE, code(e));
            assertTrue(e.getStatus().getMessage().contains("Server shutting down"), e.getStatus().getMessage());
            assertTrue(ImapStatus.find(e).orElseThrow().isRetryable());
            assertEquals(1, got.size());
            assertTrue(events.contains(new ServerEvent.Bye("Server shutting down")), events.toString());
            assertFalse(s.isOpen());
            s.close();
            server.verify();
        }
    }

    @Test
    void aConnectionThatDropsInsideALiteralIsANetworkError() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("disconnect-mid-literal")) {
            ImapSession s = open(server);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            CoreException e = assertThrows(CoreException.class,
                    () -> s.fetch(UidSet.of(4), FetchSpec.of(FetchItem.BODY), MessageSink.NONE, null));
            assertEquals(ImapError.NETWORK, code(e));
            assertTrue(ImapStatus.find(e).orElseThrow().isOffline());
            assertFalse(s.isOpen());
            server.verify();
        }
    }

    @Test
    void garbageAndUnparsableResponsesAreProtocolErrorsNamingTheLineAndTheSessionGoesOn() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("garbage-line")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                CoreException e = assertThrows(CoreException.class,
                        () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, MessageSink.NONE, null));
                assertEquals(ImapError.PROTOCOL, code(e));
                assertTrue(e.getStatus().getMessage().contains(")) garbage here (("), e.getStatus().getMessage());
                CoreException e2 = assertThrows(CoreException.class,
                        () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, MessageSink.NONE, null));
                assertEquals(ImapError.PROTOCOL, code(e2));
                assertTrue(e2.getStatus().getMessage().contains("BOGUS-ITEM 12"), e2.getStatus().getMessage());
                assertTrue(s.isOpen());
                s.noop(null);
                assertEquals(List.of(new ServerEvent.Exists(4)), events);
            }
            server.verify();
        }
    }

    @Test
    void aServerThatGoesSilentTimesOut() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("silence")) {
            ImapSession s = transport.open(FakeSessions.account(server).readTimeout(Duration.ofSeconds(1)).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            CoreException e = assertThrows(CoreException.class,
                    () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, MessageSink.NONE, null));
            assertEquals(ImapError.TIMEOUT, code(e));
            assertFalse(s.isOpen());
            server.verify();
        }
    }

    @Test
    void abortFromAnotherThreadEndsABlockedReadAsCanceled() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("silence")) {
            // A long read timeout: if abort() did not reach the socket, the fetch would end as TIMEOUT.
            ImapSession s = transport.open(FakeSessions.account(server).readTimeout(Duration.ofSeconds(25)).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            CompletableFuture<CoreException> fetch = CompletableFuture.supplyAsync(() -> assertThrows(
                    CoreException.class, () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, MessageSink.NONE, null)));
            while (server.received().stream().noneMatch(l -> l.contains("UID FETCH"))) {
                Thread.sleep(10);
            }
            s.abort();
            assertEquals(ImapError.CANCELED, code(fetch.get()));
            assertFalse(s.isOpen());
            s.abort(); // idempotent
            server.verify();
        }
    }

    @Test
    void cancelingTheMonitorReachesABlockedRead() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("silence")) {
            ImapSession s = transport.open(FakeSessions.account(server).readTimeout(Duration.ofSeconds(25)).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            NullProgressMonitor monitor = new NullProgressMonitor();
            CompletableFuture<CoreException> fetch = CompletableFuture.supplyAsync(() -> assertThrows(
                    CoreException.class, () -> s.fetch(UidSet.range(1, 9), FetchSpec.FLAGS, MessageSink.NONE, monitor)));
            while (server.received().stream().noneMatch(l -> l.contains("UID FETCH"))) {
                Thread.sleep(10);
            }
            monitor.setCanceled(true);
            assertEquals(ImapError.CANCELED, code(fetch.get()));
            server.verify();
        }
    }

    @Test
    void aLiteralTooLargeToHoldIsRefusedBeforeItIsRead() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("literal-too-large")) {
            ImapSession s = open(server);
            s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
            CoreException e = assertThrows(CoreException.class,
                    () -> s.fetch(UidSet.of(4), FetchSpec.of(FetchItem.BODY), MessageSink.NONE, null));
            assertEquals(ImapError.PROTOCOL, code(e));
            assertTrue(e.getStatus().getMessage().contains("999999999999"), e.getStatus().getMessage());
            assertFalse(s.isOpen());
            server.verify();
        }
    }

    @Test
    void aSinkThatFailsStopsTheCommandAndItsExceptionComesBackUnchanged() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("fetch-window")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.CONDSTORE, MessageSink.NONE, null);
                CoreException mine = ImapStatus.exception(ImapError.CANCELED, AccountId.of("x"), null, "sink full",
                        null);
                List<FetchedMessage> seen = new ArrayList<>();
                CoreException e = assertThrows(CoreException.class, () -> s.fetch(UidSet.range(1, 11),
                        FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ), m -> {
                            seen.add(m);
                            throw mine;
                        }, null));
                assertTrue(e == mine);
                assertEquals(1, seen.size(), "no message after the sink failed");
                assertTrue(s.isOpen(), "the command was read to its end");
            }
            server.verify();
        }
    }

    @Test
    public void aWriteThatBlocksIsEndedByTheWriteTimeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("stall")) {
            ImapSession s = transport.open(FakeSessions.account(server).readTimeout(Duration.ofSeconds(1)).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null);
            byte[] huge = new byte[48 << 20]; // more than the socket buffers of both ends hold
            java.util.Arrays.fill(huge, (byte) 'x');
            CoreException e = assertThrows(CoreException.class,
                    () -> s.append(MailboxName.INBOX, io.tidemark.model.Flags.EMPTY, null, huge, null));
            assertEquals(ImapError.TIMEOUT, code(e));
            assertFalse(s.isOpen());
        }
    }

    @Test
    public void compressDeflateIsUsedWhenAskedAndOffered() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("compress")) {
            SessionOptions compress = new SessionOptions(events::add, trace::add, true, true);
            try (ImapSession s = transport.open(FakeSessions.account(server).build(),
                    FakeSessions.Secrets.passwords("secret"), compress, null)) {
                long in = s.counters().bytesIn();
                s.noop(null);
                assertEquals(List.of(new ServerEvent.Exists(7)), events);
                assertEquals(("* 7 EXISTS\r\n" + "t2 OK Noop completed\r\n").length(), s.counters().bytesIn() - in,
                        "decompressed bytes are counted");
            }
            server.verify();
        }
        assertTrue(trace.contains("S: * 7 EXISTS"), "the trace shows the decompressed text: " + trace);
    }

    // ---------------------------------------------------------------------------------------- connecting

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        AccountConfig a = AccountConfig.builder(AccountId.of("refused")).host("127.0.0.1").port(port)
                .security(Security.NONE).allowInsecure(true).user("u").build();
        CoreException e = assertThrows(CoreException.class,
                () -> transport.open(a, FakeSessions.Secrets.passwords("x"), options(), null));
        assertEquals(ImapError.CONNECTION_REFUSED, code(e));
        assertTrue(ImapStatus.find(e).orElseThrow().isOffline());
    }

    @Test
    void anUnknownHostIsReportedAsSuch() throws Exception {
        AccountConfig a = AccountConfig.builder(AccountId.of("nohost")).host("no-such-host.invalid").port(143)
                .security(Security.NONE).allowInsecure(true).user("u").build();
        CoreException e = assertThrows(CoreException.class,
                () -> transport.open(a, FakeSessions.Secrets.passwords("x"), options(), null));
        assertEquals(ImapError.UNKNOWN_HOST, code(e));
    }

    @Test
    void aByeGreetingIsServerBye() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.ofLines("bye-greeting", List.of(
                "S: * BYE Too many connections", "CLOSE"))) {
            CoreException e = assertThrows(CoreException.class, () -> open(server));
            assertEquals(ImapError.SERVER_BYE, code(e));
            assertTrue(e.getStatus().getMessage().contains("Too many connections"), e.getStatus().getMessage());
        }
    }

    @Test
    void starttlsIsRequiredWhenTheAccountAsksForIt() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.ofLines("no-starttls", List.of(
                "S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready", "CLOSE"))) {
            CoreException e = assertThrows(CoreException.class, () -> transport.open(
                    FakeSessions.account(server).security(Security.STARTTLS).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null));
            assertEquals(ImapError.CONFIGURATION, code(e));
        }
    }

    @Test
    void implicitTlsAgainstAPlainServerFailsTheHandshake() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.ofLines("plain-for-tls", List.of(
                "S: * OK [CAPABILITY IMAP4rev1] not TLS at all", "CLOSE"))) {
            CoreException e = assertThrows(CoreException.class, () -> transport.open(
                    FakeSessions.account(server).security(Security.TLS).build(),
                    FakeSessions.Secrets.passwords("secret"), options(), null));
            assertEquals(ImapError.TLS_HANDSHAKE, code(e), e.getStatus().getMessage());
        }
    }
}
