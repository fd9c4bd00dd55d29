/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;
import io.tidemark.testing.PostgresServer;

/**
 * {@code --store} and the config's {@code [store]}: several stores side by side, an H2 folder or a shared
 * PostgreSQL database, each seeing only its own replicas.
 */
class StoreLocationTest {

    @TempDir
    Path dir;

    private static int accounts(Cli.Result status) {
        return status.json().getAsJsonObject().getAsJsonArray("accounts").size();
    }

    @Test
    void eachStoreHoldsItsOwnReplicasAndPostgreSqlWorksLikeH2() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.FULL);
                PostgresServer pg = PostgresServer.start()) {
            try (OtherClient c = dovecot.otherClient()) {
                c.append("INBOX", MessageFactory.simple("one", "1"));
                c.append("INBOX", MessageFactory.simple("two", "2"));
            }
            Cli cli = new Cli(dir);
            cli.env.put("TIDEMARK_PASSWORD", dovecot.password());
            String url = "imap+plain://" + dovecot.user() + "@127.0.0.1:" + dovecot.port();
            String shared = pg.jdbcUrl() + "?user=" + pg.user();

            cli.run("--allow-insecure", "-q", "--store", shared, "sync", url).expect(0);
            JsonObject status = cli.run("--store", shared, "status", "--json").expect(0).json().getAsJsonObject();
            assertTrue(status.get("store").getAsString().startsWith("jdbc:postgresql://127.0.0.1:" + pg.port()),
                    status.toString());
            assertEquals(1, status.getAsJsonArray("accounts").size());

            assertEquals(0, accounts(cli.run("status", "--json").expect(0)), "the default H2 store is another one");
            cli.run("--allow-insecure", "-q", "--store", "elsewhere", "sync", url, "--folder", "INBOX").expect(0);
            assertTrue(Files.exists(dir.resolve("elsewhere").resolve("tidemark.mv.db")), "a relative folder");
            assertEquals(1, accounts(cli.run("--store", "elsewhere", "status", "--json").expect(0)));

            // the configuration file's [store], overridden by --store
            cli.writeConfig("[store]\nlocation = " + shared + "\n");
            String text = cli.run("status").expect(0).out();
            assertTrue(text.contains("Account '" + dovecot.user() + "@127.0.0.1'") && text.contains("jdbc:postgresql"),
                    text);
            assertEquals(0, accounts(cli.run("--store", dir.resolve("empty").toString(), "status", "--json").expect(0)));
        }
    }
}
