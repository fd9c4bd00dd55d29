/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.imap.api.ImapTransport;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.LocalChanges;
import io.tidemark.sync.api.SecretStore;
import io.tidemark.sync.api.SyncService;

/**
 * The services a command uses, wired for this run: the JPA store at the chosen location, the engine and
 * {@link LocalChanges} pinned to exactly that store, and the secret store in the user's configuration folder.
 * <p>
 * The store, the engine and the secret store are DS components configured through ConfigAdmin (PIDs
 * {@code io.tidemark.store.jpa}, {@code io.tidemark.sync.core}, {@code io.tidemark.secrets}). Every run
 * writes their configuration before first use with a marker property unique to the run, and then waits for
 * the services carrying that marker: DS applies configurations asynchronously, and a service looked up a
 * moment too early would still be the one configured by an earlier run (ConfigAdmin keeps configurations
 * between runs). {@code store.target} on the engine's PID names the marker, so the engine and the local
 * changes write to this run's store and no other.
 * <p>
 * Not thread-safe; one per command run.
 */
final class Wiring implements AutoCloseable {

    static final String STORE_PID = "io.tidemark.store.jpa";
    static final String ENGINE_PID = "io.tidemark.sync.core";
    static final String SECRETS_PID = "io.tidemark.secrets";
    static final String MARKER = "tidemark.cli.run";

    /**
     * Where the replicas live.
     *
     * @param folder the folder of an embedded H2 database, or null
     * @param jdbcUrl a JDBC URL, or null
     */
    record StoreLocation(Path folder, String jdbcUrl) {

        /**
         * @param text a folder (relative to {@code workDir}) or a {@code jdbc:} URL
         * @throws Failure {@link ExitCode#USAGE} for a URL holding a password
         */
        static StoreLocation parse(String text, Path workDir) {
            String t = text.strip();
            if (t.regionMatches(true, 0, "jdbc:", 0, 5)) {
                if (t.toLowerCase(Locale.ROOT).matches(".*[?&;](password|pwd)=.*")) {
                    throw Failure.of(ExitCode.USAGE, "the store URL must not hold a password (it would be kept in "
                            + "the OSGi configuration area); use ~/.pgpass or trust authentication");
                }
                return new StoreLocation(null, t);
            }
            Path p = workDir.resolve(t).normalize();
            if (p.getFileName() != null && p.getFileName().toString().endsWith(".mv.db")) {
                p = p.getParent();
            }
            return new StoreLocation(p, null);
        }

        @Override
        public String toString() {
            return jdbcUrl != null ? jdbcUrl : folder.resolve("tidemark.mv.db").toString();
        }
    }

    private final Environment env;
    private final StoreLocation location;
    private final String run = UUID.randomUUID().toString();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private boolean configured;
    private MailStore store;
    private SyncService sync;
    private LocalChanges local;
    private SecretStore secrets;
    private ImapTransport transport;

    Wiring(Environment env, StoreLocation location) {
        this.env = env;
        this.location = location;
    }

    /** @return where the store is */
    StoreLocation location() {
        return location;
    }

    /** @return this run's store */
    MailStore store() {
        if (store == null) {
            configure();
            store = await(MailStore.class, "(&(" + MailStore.KIND + "=jpa)(" + MARKER + "=" + run + "))",
                    "the store (bundle io.tidemark.store.jpa)");
        }
        return store;
    }

    /** @return the engine, writing to this run's store */
    SyncService sync() {
        if (sync == null) {
            configure();
            sync = await(SyncService.class, "(" + MARKER + "=" + run + ")", "the sync engine (bundle io.tidemark.sync.core)");
        }
        return sync;
    }

    /** @return local changes, written to this run's store */
    LocalChanges localChanges() {
        if (local == null) {
            configure();
            local = await(LocalChanges.class, "(" + MARKER + "=" + run + ")",
                    "the local changes service (bundle io.tidemark.sync.core)");
        }
        return local;
    }

    /** @return the secret store in the user's configuration folder */
    SecretStore secrets() {
        if (secrets == null) {
            configure();
            secrets = await(SecretStore.class, "(" + MARKER + "=" + run + ")", "the secret store (bundle io.tidemark.secrets)");
        }
        return secrets;
    }

    /** @return the transport the engine uses (for the demo's measurement of the naive approach) */
    ImapTransport transport() {
        if (transport == null) {
            transport = await(ImapTransport.class, null, "the IMAP transport (bundle io.tidemark.imap.angus)");
        }
        return transport;
    }

    private void configure() {
        if (configured) {
            return;
        }
        ConfigurationAdmin cm = await(ConfigurationAdmin.class, null, "ConfigurationAdmin (bundle org.eclipse.equinox.cm)");
        try {
            Dictionary<String, Object> storeProps = properties(cm, STORE_PID);
            storeProps.put("folder", location.folder() == null ? "" : location.folder().toString());
            storeProps.put("jdbcUrl", location.jdbcUrl() == null ? "" : location.jdbcUrl());
            storeProps.put(MARKER, run);
            update(cm, STORE_PID, storeProps);

            Dictionary<String, Object> engineProps = properties(cm, ENGINE_PID);
            engineProps.put("store.target", "(" + MARKER + "=" + run + ")");
            engineProps.put(MARKER, run);
            update(cm, ENGINE_PID, engineProps);

            Dictionary<String, Object> secretProps = properties(cm, SECRETS_PID);
            secretProps.put("folder", env.configDir().toString());
            secretProps.put(MARKER, run);
            update(cm, SECRETS_PID, secretProps);
        } catch (IOException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot configure the services through ConfigAdmin: " + e.getMessage(), e);
        }
        configured = true;
    }

    private static Dictionary<String, Object> properties(ConfigurationAdmin cm, String pid) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        Dictionary<String, Object> old = c.getProperties();
        Hashtable<String, Object> out = new Hashtable<>();
        if (old != null) {
            for (java.util.Enumeration<String> keys = old.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                if (!k.equals("service.pid") && !k.startsWith("service.")) {
                    out.put(k, old.get(k));
                }
            }
        }
        return out;
    }

    private static void update(ConfigurationAdmin cm, String pid, Dictionary<String, Object> props) throws IOException {
        cm.getConfiguration(pid, "?").update(props);
    }

    private <T> T await(Class<T> type, String filter, String what) {
        BundleContext ctx = env.context();
        String f = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
        ServiceTracker<T, T> t;
        try {
            t = new ServiceTracker<>(ctx, ctx.createFilter(f), null);
        } catch (InvalidSyntaxException e) {
            throw new Failure(ExitCode.INTERNAL, "bad service filter " + f, e);
        }
        t.open();
        trackers.add(t);
        try {
            T s = t.waitForService(env.serviceTimeout().toMillis());
            if (s == null) {
                throw Failure.of(ExitCode.INTERNAL, what + " did not start within " + env.serviceTimeout().toSeconds()
                        + " s; problems: " + inactiveBundles(ctx));
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.of(ExitCode.CANCELED, "interrupted while waiting for " + what);
        }
    }

    /**
     * @return why a service may be missing: unresolved bundles, DS bundles not started, and components whose
     *         references are unsatisfied (from the DS runtime, when it is there)
     */
    static String inactiveBundles(BundleContext ctx) {
        List<String> out = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (fragment) {
                continue;
            }
            if (b.getState() == Bundle.INSTALLED) {
                out.add(b.getSymbolicName() + " (unresolved)");
            } else if (b.getState() == Bundle.RESOLVED && b.getHeaders("").get("Service-Component") != null) {
                out.add(b.getSymbolicName() + " (not started)");
            }
        }
        try {
            unsatisfiedComponents(ctx, out);
        } catch (NoClassDefFoundError e) {
            // no DS runtime API: the bundle list must do
        }
        return out.isEmpty() ? "none" : String.join("; ", out);
    }

    private static void unsatisfiedComponents(BundleContext ctx, List<String> out) {
        ServiceTracker<org.osgi.service.component.runtime.ServiceComponentRuntime,
                org.osgi.service.component.runtime.ServiceComponentRuntime> scr = new ServiceTracker<>(ctx,
                        org.osgi.service.component.runtime.ServiceComponentRuntime.class, null);
        scr.open();
        try {
            var runtime = scr.getService();
            if (runtime == null) {
                return;
            }
            for (var d : runtime.getComponentDescriptionDTOs()) {
                if (!d.bundle.symbolicName.startsWith("io.tidemark")) {
                    continue; // the platform's own components are not the ones a command waits for
                }
                for (var c : runtime.getComponentConfigurationDTOs(d)) {
                    if (c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        List<String> refs = new ArrayList<>();
                        for (var u : c.unsatisfiedReferences) {
                            refs.add(u.name + (u.target == null ? "" : " " + u.target));
                        }
                        out.add("component " + d.name + " lacks " + String.join(", ", refs));
                    }
                }
            }
        } finally {
            scr.close();
        }
    }

    @Override
    public void close() {
        for (ServiceTracker<?, ?> t : trackers) {
            t.close();
        }
        trackers.clear();
    }
}
