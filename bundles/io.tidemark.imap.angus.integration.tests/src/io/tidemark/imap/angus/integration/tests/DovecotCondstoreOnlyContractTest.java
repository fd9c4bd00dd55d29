/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.integration.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.tck.ContractServer;
import io.tidemark.imap.api.tck.ImapTransportContractTest;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;

/** The transport contract on the Angus transport against Dovecot in the {@code CONDSTORE_ONLY} profile. */
public class DovecotCondstoreOnlyContractTest extends ImapTransportContractTest {

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DovecotServer.start(CapabilityProfile.CONDSTORE_ONLY);
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Override
    protected ImapTransport transport() {
        return Transports.angus();
    }

    @Override
    protected ContractServer server() {
        return FixtureServers.dovecot(dovecot);
    }
}
