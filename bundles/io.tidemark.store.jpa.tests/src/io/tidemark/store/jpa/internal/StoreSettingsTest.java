/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where the embedded database lives when no folder or JDBC URL is configured. */
class StoreSettingsTest {

    @Test
    void theLaunchersDataFolderWinsSoThatCommandAndWorkbenchShareOneStore() {
        assertEquals(Path.of("/d/tidemark"),
                StoreSettings.defaultFolder("/d/tidemark", "file:/ws/", Map.of("XDG_DATA_HOME", "/x")));
    }

    @Test
    void withoutADataFolderTheInstanceAreaHoldsAStorePerWorkspace() {
        assertEquals(Path.of("/ws").resolve(StoreSettings.STATE_FOLDER),
                StoreSettings.defaultFolder(null, "file:/ws/", Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/ws").resolve(StoreSettings.STATE_FOLDER),
                StoreSettings.defaultFolder(" ", "file:/ws/", Map.of()));
    }

    @Test
    void withNeitherTheUsersDataFolderIsUsed() {
        assertEquals(Path.of("/x/tidemark"), StoreSettings.defaultFolder(null, null, Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/h/.local/share/tidemark"), StoreSettings.defaultFolder(null, "", Map.of("HOME", "/h")));
    }
}
