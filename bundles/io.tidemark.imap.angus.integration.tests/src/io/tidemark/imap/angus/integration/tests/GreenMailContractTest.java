/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.integration.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.tck.ContractServer;
import io.tidemark.imap.api.tck.ImapTransportContractTest;
import io.tidemark.testing.GreenMailServer;

/** The transport contract on the Angus transport against GreenMail (plain IMAP4rev1 with UIDPLUS and MOVE). */
public class GreenMailContractTest extends ImapTransportContractTest {

    private static GreenMailServer greenMail;

    @BeforeAll
    static void start() {
        greenMail = GreenMailServer.start();
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    @Override
    protected ImapTransport transport() {
        return Transports.angus();
    }

    @Override
    protected ContractServer server() {
        return FixtureServers.greenMail(greenMail);
    }
}
