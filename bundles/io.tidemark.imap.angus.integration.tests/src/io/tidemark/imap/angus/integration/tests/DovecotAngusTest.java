/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.MailboxName;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MessageFactory;

/**
 * What is particular to the Angus transport, against a real Dovecot with TLS: the DS registration, the
 * certificate checks, the protocol trace of a real login, and traffic per window.
 */
public class DovecotAngusTest {

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.builder().profile(CapabilityProfile.FULL).tls(true).start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static CredentialsProvider password() {
        return (account, failed) -> Credentials.password(account.user(), dovecot.password().toCharArray());
    }

    @Test
    public void theTransportIsTheDeclarativeServiceOfKindAngusWithRankingZero() {
        ServiceReference<ImapTransport> ref = Transports.reference();
        assertEquals("angus", ref.getProperty(ImapTransport.KIND));
        assertEquals(0, ref.getProperty("service.ranking"));
        assertEquals("io.tidemark.imap.angus", ref.getBundle().getSymbolicName());
    }

    @Test
    public void aSelfSignedCertificateIsRefusedUnlessPinned() throws Exception {
        AccountConfig unpinned = dovecot.tlsAccount("tls").toBuilder().pinnedCertificateSha256(null).build();
        CoreException e = assertThrows(CoreException.class,
                () -> Transports.angus().open(unpinned, password(), SessionOptions.DEFAULT, null));
        assertEquals(ImapError.TLS_TRUST, ImapStatus.errorOf(e));
        assertFalse(ImapStatus.find(e).orElseThrow().isRetryable(), "the user must act");
        try (ImapSession s = Transports.angus().open(dovecot.tlsAccount("tls"), password(), SessionOptions.DEFAULT,
                null)) {
            assertTrue(s.capabilities().qresync());
            s.select(MailboxName.INBOX, SelectOptions.CONDSTORE, MessageSink.NONE, null);
        }
    }

    @Test
    public void starttlsUpgradesThePlainPortAndChecksTheCertificate() throws Exception {
        AccountConfig unpinned = dovecot.starttlsAccount("st").toBuilder().pinnedCertificateSha256(null).build();
        assertEquals(ImapError.TLS_TRUST, ImapStatus.errorOf(assertThrows(CoreException.class,
                () -> Transports.angus().open(unpinned, password(), SessionOptions.DEFAULT, null))));
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        try (ImapSession s = Transports.angus().open(dovecot.starttlsAccount("st"), password(),
                SessionOptions.DEFAULT.withTrace(trace::add), null)) {
            assertTrue(s.capabilities().has("QRESYNC"), "the post-login capabilities, read over TLS");
        }
        assertTrue(trace.stream().anyMatch(l -> l.endsWith(" STARTTLS")), trace.toString());
    }

    @Test
    public void theTraceOfARealLoginHoldsNeitherPasswordNorItsEncoding() throws Exception {
        String pw = dovecot.password();
        String plainIr = Base64.getEncoder().encodeToString(("\0" + dovecot.user() + "\0" + pw)
                .getBytes(StandardCharsets.UTF_8));
        for (AuthMechanism mech : new AuthMechanism[] { AuthMechanism.AUTO, AuthMechanism.PLAIN, AuthMechanism.LOGIN }) {
            List<String> trace = Collections.synchronizedList(new ArrayList<>());
            AccountConfig account = dovecot.account("trace").toBuilder().auth(mech).build();
            try (ImapSession s = Transports.angus().open(account, password(), SessionOptions.DEFAULT.withTrace(trace::add),
                    null)) {
                s.noop(null);
            }
            String all = String.join("\n", trace);
            assertTrue(all.contains("S: * OK"), mech + ": the trace runs: " + all);
            assertFalse(all.contains(pw), mech + " leaks the password: " + all);
            assertFalse(all.contains(plainIr), mech + " leaks the SASL response: " + all);
            assertTrue(all.contains(mech == AuthMechanism.LOGIN ? "LOGIN ***" : "AUTHENTICATE PLAIN ***"), all);
        }
    }

    @Test
    public void fetchingFlagsOfAThousandMessagesIsOneCommandPerWindow() throws Exception {
        String box = "bulk" + System.nanoTime();
        dovecot.maildirWriter().write(box, 1000, new MessageFactory(7));
        try (ImapSession s = Transports.angus().open(dovecot.account("bulk"), password(), SessionOptions.DEFAULT,
                null)) {
            s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            TrafficCounters before = s.counters();
            AtomicLong count = new AtomicLong();
            for (UidSet window : UidSet.range(1, 1000).split(250)) {
                s.fetch(window, FetchSpec.FLAGS, m -> count.incrementAndGet(), null);
            }
            TrafficCounters used = s.counters().minus(before);
            assertEquals(1000, count.get());
            assertEquals(4, used.commands(), "four windows, four commands");
            assertTrue(used.bytesIn() < 1000 * 60, "about 40 bytes a message: " + used);
        }
    }
}
