/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.integration.tests;

import java.util.Set;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.tck.ContractServer;
import io.tidemark.model.AccountConfig;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.GreenMailServer;
import io.tidemark.testing.OtherClient;

/** The {@code io.tidemark.testing} fixtures as contract servers, with what each profile must advertise. */
final class FixtureServers {

    private FixtureServers() {
    }

    static ContractServer dovecot(DovecotServer d) {
        Set<String> expected;
        Set<String> absent;
        switch (d.profile()) {
            case FULL -> {
                expected = Set.of("QRESYNC", "CONDSTORE", "ENABLE", "ESEARCH", "LIST-EXTENDED", "LIST-STATUS",
                        "SPECIAL-USE", "MOVE", "UIDPLUS", "IDLE", "UNSELECT", "LITERAL+");
                absent = Set.of("OBJECTID");
            }
            case CONDSTORE_ONLY -> {
                expected = Set.of("CONDSTORE", "ENABLE", "ESEARCH", "LIST-STATUS", "MOVE", "UIDPLUS", "IDLE");
                absent = Set.of("QRESYNC");
            }
            default -> {
                expected = Set.of("IDLE", "UIDPLUS", "MOVE", "UNSELECT", "LITERAL+");
                absent = Set.of("CONDSTORE", "QRESYNC", "ENABLE", "ESEARCH", "LIST-STATUS", "LIST-EXTENDED",
                        "SPECIAL-USE");
            }
        }
        boolean specialUse = d.profile() != CapabilityProfile.PLAIN;
        return new ContractServer() {
            @Override
            public String name() {
                return "Dovecot " + d.profile();
            }

            @Override
            public AccountConfig account(String id) {
                return d.account(id);
            }

            @Override
            public CredentialsProvider credentials() {
                return (account, failed) -> Credentials.password(account.user(), d.password().toCharArray());
            }

            @Override
            public OtherClient otherClient() {
                return d.otherClient();
            }

            @Override
            public char separator() {
                return DovecotServer.SEPARATOR;
            }

            @Override
            public Set<String> expectedCapabilities() {
                return expected;
            }

            @Override
            public Set<String> absentCapabilities() {
                return absent;
            }

            @Override
            public boolean hasSpecialUseMailboxes() {
                return specialUse;
            }
        };
    }

    static ContractServer greenMail(GreenMailServer g) {
        return new ContractServer() {
            @Override
            public String name() {
                return "GreenMail";
            }

            @Override
            public AccountConfig account(String id) {
                return g.account(id);
            }

            @Override
            public CredentialsProvider credentials() {
                return (account, failed) -> Credentials.password(account.user(), g.password().toCharArray());
            }

            @Override
            public OtherClient otherClient() {
                return g.otherClient();
            }

            @Override
            public char separator() {
                return GreenMailServer.SEPARATOR;
            }

            @Override
            public Set<String> expectedCapabilities() {
                return Set.of("UIDPLUS", "MOVE", "IDLE", "LITERAL+");
            }

            @Override
            public Set<String> absentCapabilities() {
                return Set.of("CONDSTORE", "QRESYNC", "ENABLE", "LIST-EXTENDED", "UNSELECT");
            }

            @Override
            public boolean hasSpecialUseMailboxes() {
                return false;
            }

            @Override
            public boolean reportsExactSizes() {
                return false;
            }

            @Override
            public boolean returnsCopyUid() {
                return false;
            }
        };
    }
}
