/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.tidemark.store.api.MailStore;

/** Makes stores for tests: each on fresh data, removed again when the store is closed for good. */
final class TestStores {

    private static final Map<MailStore, Path> FOLDERS = new ConcurrentHashMap<>();

    private TestStores() {
    }

    /** @return an open store on a new H2 file in a new temporary folder */
    static JpaMailStore h2() throws Exception {
        Path dir = Files.createTempDirectory("tidemark-store-");
        JpaMailStore s = new JpaMailStore(StoreSettings.h2(dir));
        s.open();
        FOLDERS.put(s, dir);
        return s;
    }

    /** @return a new open store on the same data as {@code old}, which is closed first */
    static JpaMailStore reopen(MailStore old) throws Exception {
        JpaMailStore o = (JpaMailStore) old;
        o.close();
        JpaMailStore s = new JpaMailStore(o.settings());
        s.open();
        Path dir = FOLDERS.remove(o);
        if (dir != null) {
            FOLDERS.put(s, dir);
        }
        return s;
    }

    /** Closes the store (again, harmlessly) and deletes its folder. */
    static void dispose(MailStore store) throws IOException {
        ((JpaMailStore) store).close();
        Path dir = FOLDERS.remove(store);
        if (dir != null) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
