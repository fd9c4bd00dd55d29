/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import io.tidemark.testing.GreenMailServer;
import jakarta.activation.CommandMap;
import jakarta.activation.MailcapCommandMap;

/**
 * Works around two quirks of GreenMail 2.1.8 that the demo meets.
 * <p>
 * <b>Multipart messages inside OSGi</b> ({@link #install()}).
 * GreenMail parses what it stores with Jakarta Mail, which asks Jakarta Activation for the content handler of
 * each MIME type. Activation builds its command map from {@code META-INF/mailcap} files and a
 * {@code MailcapRegistryProvider}, both found through the thread's context class loader. Inside OSGi no single
 * bundle sees both Angus Activation (the provider) and Angus Mail (the mailcap and its handlers), so the map comes
 * out empty: GreenMail then stores multipart messages without their parts and drops the connection (a
 * NullPointerException) when a client asks for their BODYSTRUCTURE. This builds the map once, with a context class
 * loader that sees both bundles, and makes it the JVM's default command map. The handlers named in it are loaded
 * later through the calling thread's context class loader, which for GreenMail's threads is Angus Mail's (set by
 * {@code GreenMailServer}).
 * <p>
 * <b>Deleting a mailbox that logged-out sessions had selected</b> ({@link #dropStaleListeners}).
 */
final class GreenMailQuirks {

    private static boolean installed;

    private GreenMailQuirks() {
    }

    /**
     * Drops the folder listeners that closed sessions left on a mailbox. GreenMail registers a listener for every
     * session that selects a mailbox and keeps it after the session logs out; deleting the mailbox later (which
     * resetting its UIDVALIDITY does) then tells the dead session and fails with a NullPointerException. The demo
     * resets UIDVALIDITY only while no session is open, so every listener left is a stale one.
     *
     * @throws IllegalStateException if GreenMail's internals differ from 2.1.8's
     */
    static void dropStaleListeners(GreenMailServer server, String mailbox) {
        GreenMail gm = server.greenMail();
        GreenMailUser user = gm.getUserManager().getUser(server.user());
        MailFolder folder = gm.getManagers().getImapHostManager().getFolder(user, mailbox);
        if (folder == null) {
            return;
        }
        try {
            // HierarchicalFolder is package-private; its listener list has no accessor
            Field f = null;
            for (Class<?> c = folder.getClass(); c != null && f == null; c = c.getSuperclass()) {
                for (Field x : c.getDeclaredFields()) {
                    if (x.getName().equals("_mailboxListeners")) {
                        f = x;
                    }
                }
            }
            if (f == null) {
                throw new NoSuchFieldException("_mailboxListeners");
            }
            f.setAccessible(true);
            List<?> listeners = (List<?>) f.get(folder);
            synchronized (listeners) {
                listeners.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reset " + mailbox + " in GreenMail: " + e, e);
        }
    }

    /**
     * Installs the command map; does nothing the second time.
     *
     * @return whether GreenMail can handle multipart messages (false when Angus Activation or Angus Mail is missing)
     */
    static synchronized boolean install() {
        if (installed) {
            return true;
        }
        Bundle self = FrameworkUtil.getBundle(GreenMailQuirks.class);
        if (self == null) {
            return false;
        }
        List<ClassLoader> loaders = new ArrayList<>();
        for (Bundle b : self.getBundleContext().getBundles()) {
            if ("angus-activation".equals(b.getSymbolicName()) || "org.eclipse.angus.mail".equals(b.getSymbolicName())) {
                BundleWiring w = b.adapt(BundleWiring.class);
                if (w != null && w.getClassLoader() != null) {
                    loaders.add(w.getClassLoader());
                }
            }
        }
        if (loaders.size() < 2) {
            return false;
        }
        ClassLoader both = new Composite(loaders);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(both);
        try {
            CommandMap.setDefaultCommandMap(new MailcapCommandMap());
            installed = true;
            return true;
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** A class loader that asks each of its delegates in turn. */
    private static final class Composite extends ClassLoader {
        private final List<ClassLoader> delegates;

        Composite(List<ClassLoader> delegates) {
            super(null);
            this.delegates = List.copyOf(delegates);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader l : delegates) {
                try {
                    return l.loadClass(name);
                } catch (ClassNotFoundException e) {
                    // try the next one
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            for (ClassLoader l : delegates) {
                URL u = l.getResource(name);
                if (u != null) {
                    return u;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            List<URL> all = new ArrayList<>();
            for (ClassLoader l : delegates) {
                all.addAll(Collections.list(l.getResources(name)));
            }
            return Collections.enumeration(all);
        }
    }
}
