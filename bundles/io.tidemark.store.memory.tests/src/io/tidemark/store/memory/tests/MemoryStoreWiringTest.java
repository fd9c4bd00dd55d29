/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentInstance;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreListener;

/**
 * The memory store in a real OSGi runtime with Felix SCR and Equinox ConfigAdmin: it resolves as a DS
 * {@link MailStore} service, a better-ranked store takes over a greedy consumer, and {@code store.target}
 * set through ConfigAdmin pins the memory store again. Also its whiteboard of {@link StoreListener}s.
 */
class MemoryStoreWiringTest {

    private static final long WAIT_MS = TimeUnit.SECONDS.toMillis(30);

    private final BundleContext context = PrivateStores.context();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private ServiceTracker<MailStore, MailStore> memoryTracker;
    private ServiceTracker<StoreConsumer, StoreConsumer> consumerTracker;

    @BeforeEach
    void openTrackers() throws Exception {
        memoryTracker = new ServiceTracker<>(context, context.createFilter(PrivateStores.filter("memory")), null);
        memoryTracker.open();
        consumerTracker = new ServiceTracker<>(context, StoreConsumer.class, null);
        consumerTracker.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        memoryTracker.close();
        consumerTracker.close();
    }

    private MailStore dsMemoryStore() throws InterruptedException {
        MailStore store = memoryTracker.waitForService(WAIT_MS);
        assertNotNull(store, "no MailStore with store.kind=memory: did Felix SCR activate the memory bundle?");
        return store;
    }

    /** Waits until the (current) consumer component is bound to a store that passes {@code test}. */
    private StoreConsumer awaitConsumer(String what, Predicate<MailStore> test) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        StoreConsumer consumer = null;
        while (System.currentTimeMillis() < deadline) {
            consumer = consumerTracker.getService();
            if (consumer != null && consumer.store() != null && test.test(consumer.store())) {
                return consumer;
            }
            Thread.sleep(20);
        }
        fail("the consumer did not get " + what + "; it has "
                + (consumer == null ? "no component" : String.valueOf(consumer.store())));
        return null;
    }

    /** Registers a second, distinct store (a private memory store) under other properties. */
    private MailStore registerSecondStore(String kind, int ranking) throws Exception {
        ComponentInstance<MailStore> instance = PrivateStores.create();
        cleanup.add(instance::dispose);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MailStore.KIND, kind);
        props.put(Constants.SERVICE_RANKING, ranking);
        ServiceRegistration<MailStore> reg = context.registerService(MailStore.class, instance.getInstance(), props);
        cleanup.add(reg::unregister);
        return instance.getInstance();
    }

    private ConfigurationAdmin configAdmin() throws InterruptedException {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> t = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        t.open();
        cleanup.add(t::close);
        ConfigurationAdmin admin = t.waitForService(WAIT_MS);
        assertNotNull(admin, "no ConfigurationAdmin: is org.eclipse.equinox.cm started?");
        return admin;
    }

    private static void deleteQuietly(Configuration config) throws Exception {
        try {
            config.delete();
        } catch (IllegalStateException alreadyDeleted) {
            // deleted by the test itself
        }
    }

    @Test
    void theMemoryStoreResolvesThroughDsAsAMailStore() throws Exception {
        MailStore store = dsMemoryStore();
        ServiceReference<MailStore> ref = memoryTracker.getServiceReference();
        assertEquals(-100, ref.getProperty(Constants.SERVICE_RANKING));
        assertEquals("memory", ref.getProperty(MailStore.KIND));
        assertEquals("io.tidemark.store.memory.internal.MemoryMailStore", ref.getProperty("component.name"));
        assertTrue(store.location().startsWith("memory:"), store.location());
        AccountId id = AccountId.of("wiring");
        store.write(tx -> {
            tx.putAccount(AccountConfig.builder(id).host("127.0.0.1").user("u").build());
            return null;
        });
        assertTrue(store.account(id).isPresent());
        store.write(tx -> {
            tx.removeAccount(id);
            return null;
        });
    }

    @Test
    void theMemoryStoreAloneIsWhatAConsumerGets() throws Exception {
        MailStore memory = dsMemoryStore();
        awaitConsumer("the DS memory store", s -> s == memory);
    }

    @Test
    void aBetterRankedStoreTakesOverAGreedyConsumerAndHandsBack() throws Exception {
        MailStore memory = dsMemoryStore();
        awaitConsumer("the DS memory store", s -> s == memory);
        MailStore second = registerSecondStore("second", 100);
        assertNotSame(memory, second);
        awaitConsumer("the store ranked 100", s -> s == second);

        cleanup.remove(cleanup.size() - 1).close(); // unregister the second store
        awaitConsumer("the DS memory store back", s -> s == memory);
    }

    @Test
    void aLowerRankedStoreDoesNotTakeOver() throws Exception {
        MailStore memory = dsMemoryStore();
        registerSecondStore("lower", -1000);
        awaitConsumer("the DS memory store", s -> s == memory);
    }

    @Test
    void storeTargetSetThroughConfigAdminPinsTheMemoryStore() throws Exception {
        MailStore memory = dsMemoryStore();
        MailStore second = registerSecondStore("second", 100);
        awaitConsumer("the store ranked 100", s -> s == second);

        Configuration config = configAdmin().getConfiguration(StoreConsumer.PID, "?");
        cleanup.add(() -> deleteQuietly(config));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("store.target", "(" + MailStore.KIND + "=memory)");
        config.update(props);
        awaitConsumer("the memory store pinned by store.target", s -> s == memory);

        // service events reach SCR synchronously: had the pin not held, the consumer would have moved by now
        MailStore third = registerSecondStore("third", 1000);
        assertSame(memory, consumerTracker.getService().store(), "the pin holds against a store ranked 1000");

        config.delete();
        awaitConsumer("the best-ranked store once the pin is gone", s -> s == third);
    }

    @Test
    void whiteboardListenersHearCommits() throws Exception {
        MailStore memory = dsMemoryStore();
        List<StoreDelta> heard = new CopyOnWriteArrayList<>();
        StoreListener listener = heard::add;
        ServiceRegistration<StoreListener> reg = context.registerService(StoreListener.class, listener, null);
        AccountId id = AccountId.of("whiteboard");
        try {
            memory.write(tx -> {
                tx.putAccount(AccountConfig.builder(id).host("127.0.0.1").user("u").build());
                return null;
            });
            assertEquals(1, heard.size(), "the whiteboard listener heard the commit");
            assertEquals(Set.of(id), heard.get(0).accounts());
        } finally {
            reg.unregister();
        }
        memory.write(tx -> {
            tx.removeAccount(id);
            return null;
        });
        assertEquals(1, heard.size(), "an unregistered listener hears nothing");
    }
}
