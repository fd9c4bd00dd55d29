/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreListener;
import io.tidemark.testing.PostgresServer;

/**
 * Both stores installed in a real OSGi runtime (Felix SCR, Equinox ConfigAdmin): a consumer gets the JPA store
 * by default (ranking 0 beats the memory store's -100), {@code store.target=(store.kind=memory)} pins the memory
 * store, the JPA store is configured through ConfigAdmin (an H2 folder, a PostgreSQL URL with a password that
 * stays out of the service properties), defaults to the instance area, and hears whiteboard listeners.
 */
class StoreWiringTest {

    private static final long WAIT_MS = TimeUnit.SECONDS.toMillis(60);
    private static final String JPA_PID = "io.tidemark.store.jpa";

    private final BundleContext context = FrameworkUtil.getBundle(StoreWiringTest.class).getBundleContext();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private ServiceTracker<StoreConsumer, StoreConsumer> consumers;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admins;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        consumers = new ServiceTracker<>(context, StoreConsumer.class, null);
        consumers.open();
        admins = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        admins.open();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        consumers.close();
        admins.close();
    }

    private ConfigurationAdmin admin() throws InterruptedException {
        ConfigurationAdmin a = admins.waitForService(WAIT_MS);
        assertNotNull(a, "no ConfigurationAdmin: is org.eclipse.equinox.cm started?");
        return a;
    }

    /** Sets a configuration for the test's duration. */
    private Configuration configure(String pid, Dictionary<String, Object> props) throws Exception {
        Configuration c = admin().getConfiguration(pid, "?");
        c.update(props);
        cleanup.add(() -> {
            try {
                c.delete();
            } catch (IllegalStateException gone) {
                // deleted by the test
            }
        });
        return c;
    }

    /** @return the store the consumer is bound to, once it passes {@code test} */
    private MailStore awaitConsumer(String what, Predicate<MailStore> test) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        MailStore last = null;
        while (System.currentTimeMillis() < deadline) {
            StoreConsumer c = consumers.getService();
            last = c == null ? null : c.store();
            if (last != null && test.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        fail("the consumer did not get " + what + "; it has " + last);
        return null;
    }

    /** @return the registered store of {@code kind} whose location passes {@code test} */
    private ServiceReference<MailStore> awaitStore(String kind, Predicate<MailStore> test) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (ServiceReference<MailStore> ref : context.getServiceReferences(MailStore.class,
                    "(" + MailStore.KIND + "=" + kind + ")")) {
                MailStore s = context.getService(ref);
                try {
                    if (s != null && test.test(s)) {
                        return ref;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
            Thread.sleep(20);
        }
        fail("no " + kind + " store as expected");
        return null;
    }

    /** @return whether {@code s} is the store registered now with {@code store.kind=kind} */
    private boolean isKind(MailStore s, String kind) {
        try {
            for (ServiceReference<MailStore> ref : context.getServiceReferences(MailStore.class,
                    "(" + MailStore.KIND + "=" + kind + ")")) {
                MailStore registered = context.getService(ref);
                context.ungetService(ref);
                if (registered == s) {
                    return true;
                }
            }
            return false;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void byDefaultAConsumerGetsTheJpaStoreAndStoreTargetPinsTheMemoryStore() throws Exception {
        Dictionary<String, Object> jpa = new Hashtable<>();
        jpa.put("folder", dir.resolve("store").toString());
        configure(JPA_PID, jpa);
        MailStore byDefault = awaitConsumer("the JPA store", s -> isKind(s, "jpa"));
        ServiceReference<MailStore> ref = awaitStore("jpa", s -> true);
        assertEquals(0, ref.getProperty(Constants.SERVICE_RANKING));

        Dictionary<String, Object> pin = new Hashtable<>();
        pin.put("store.target", "(" + MailStore.KIND + "=memory)");
        Configuration consumerConfig = configure(StoreConsumer.PID, pin);
        MailStore pinned = awaitConsumer("the memory store", s -> isKind(s, "memory"));
        assertTrue(pinned.location().startsWith("memory:"), pinned.location());

        consumerConfig.delete();
        MailStore back = awaitConsumer("the JPA store again", s -> isKind(s, "jpa"));
        assertSame(byDefault, back, "the same JPA store instance (its configuration did not change)");
    }

    @Test
    void theJpaStoreTakesItsFolderFromConfigAdminAndCreatesItOnFirstUse() throws Exception {
        Path folder = dir.resolve("configured");
        Dictionary<String, Object> jpa = new Hashtable<>();
        jpa.put("folder", folder.toString());
        configure(JPA_PID, jpa);
        ServiceReference<MailStore> ref = awaitStore("jpa",
                s -> s.location().equals(folder.resolve("tidemark.mv.db").toString()));
        MailStore store = context.getService(ref);
        try {
            assertFalse(Files.exists(folder.resolve("tidemark.mv.db")), "not opened before first use");
            AccountId id = AccountId.of("configured");
            store.write(tx -> {
                tx.putAccount(AccountConfig.builder(id).host("127.0.0.1").user("u").build());
                return null;
            });
            assertTrue(Files.exists(folder.resolve("tidemark.mv.db")));
            assertTrue(store.account(id).isPresent());
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    void withoutConfigurationTheJpaStoreLivesInTheInstanceArea() throws Exception {
        String area = context.getProperty("osgi.instance.area");
        assertNotNull(area, "the test runtime has an instance area");
        Path expected = Path.of(URI.create(area)).resolve(".metadata/.plugins/io.tidemark.store.jpa/tidemark.mv.db");
        ServiceReference<MailStore> ref = awaitStore("jpa", s -> s.location().equals(expected.toString()));
        MailStore store = context.getService(ref);
        try {
            store.accounts();
            assertTrue(Files.exists(expected), "created on first use: " + expected);
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    void aSharedPostgresqlStoreIsConfiguredWithAPasswordThatStaysPrivate() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String secret = "not-shown-" + System.nanoTime();
            Dictionary<String, Object> jpa = new Hashtable<>();
            jpa.put("jdbcUrl", server.jdbcUrl());
            jpa.put("user", server.user());
            jpa.put(".password", secret); // the cluster trusts loopback, so any password logs in
            configure(JPA_PID, jpa);
            ServiceReference<MailStore> ref = awaitStore("jpa", s -> s.location().equals(server.jdbcUrl()));
            for (String key : ref.getPropertyKeys()) {
                assertFalse(String.valueOf(ref.getProperty(key)).contains(secret), "service property " + key);
            }
            MailStore store = context.getService(ref);
            try {
                AccountId id = AccountId.of("shared");
                store.write(tx -> {
                    tx.putAccount(AccountConfig.builder(id).host("127.0.0.1").user("u").build());
                    return null;
                });
                assertEquals("1", server.psql("SELECT COUNT(*) FROM tm_account WHERE id = 'shared'").trim());
                assertFalse(store.toString().contains(secret));
            } finally {
                context.ungetService(ref);
            }
            // the next test must not find the store on a stopped server
            cleanup.remove(cleanup.size() - 1).close();
        }
    }

    @Test
    void whiteboardListenersHearTheJpaStoresCommits() throws Exception {
        Dictionary<String, Object> jpa = new Hashtable<>();
        jpa.put("folder", dir.resolve("whiteboard").toString());
        configure(JPA_PID, jpa);
        ServiceReference<MailStore> ref = awaitStore("jpa", s -> s.location().startsWith(dir.toString()));
        MailStore store = context.getService(ref);
        List<StoreDelta> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<StoreListener> reg = context.registerService(StoreListener.class, heard::add, null);
        AccountId id = AccountId.of("whiteboard");
        try {
            store.write(tx -> {
                tx.putAccount(AccountConfig.builder(id).host("127.0.0.1").user("u").build());
                return null;
            });
            assertEquals(1, heard.size(), "the whiteboard listener heard the commit");
            assertEquals(Set.of(id), heard.get(0).accounts());
            reg.unregister();
            reg = null;
            store.write(tx -> {
                tx.removeAccount(id);
                return null;
            });
            assertEquals(1, heard.size(), "an unregistered listener hears nothing more");
        } finally {
            if (reg != null) {
                reg.unregister();
            }
            context.ungetService(ref);
        }
    }
}
