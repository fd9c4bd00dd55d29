/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * Where and how to open the database. Built from the component configuration (or directly by tests and
 * tools). The password is held only to open connections: it is left out of {@link #toString()} and of
 * {@link #location()}, and never reaches a log or an exception message.
 *
 * @param backend the database kind
 * @param jdbcUrl the JDBC URL actually used (for H2 with the settings the store needs appended)
 * @param user the database user, or empty
 * @param password the database password, or empty
 * @param folder for an embedded H2 file database, its folder (checked before opening); else null
 * @param location what to show users: the database file, or the URL without credentials
 * @param maxConnections the most pooled connections
 */
record StoreSettings(Backend backend, String jdbcUrl, String user, String password, Path folder, String location,
        int maxConnections) {

    /** The H2 database's base name in its folder (H2 adds {@code .mv.db}). */
    static final String H2_NAME = "tidemark";

    /** The framework property naming the user's Tidemark data folder, set by the {@code tidemark} launcher. */
    static final String DATA_FOLDER = "tidemark.data";

    /** The framework property naming the instance area (a {@code file:} URL). */
    static final String INSTANCE_AREA = "osgi.instance.area";

    /** The store's folder under the instance area, where Eclipse keeps a bundle's state. */
    static final String STATE_FOLDER = ".metadata/.plugins/io.tidemark.store.jpa";

    private static final int DEFAULT_CONNECTIONS = 8;

    /*
     * WRITE_DELAY=0: H2 otherwise writes a commit to the file up to 500 ms later, and a process killed in that
     * time loses transactions already reported as committed (proven by CrashSafetyTest). LOCK_TIMEOUT: a writer
     * of a shared file waits this long for a row lock before failing with LOCKED. MAX_LENGTH_INPLACE_LOB: a
     * header (typically 1-3 kB) or small body is stored in its row instead of H2's separate LOB storage, which
     * costs several B-tree writes per value (measured on the 120,000-message benchmark account: headers-only
     * initial sync 18.2 s -> 15.1 s, the store 220 MB -> 150 MB; with full bodies 27.6 s -> 25.6 s, 1.6 GB ->
     * 1.5 GB; 16 kB and more made the full-body store larger, not smaller).
     */
    static final String H2_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_LENGTH_INPLACE_LOB=4096";

    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&;])(password|pwd)=[^&;]*");

    StoreSettings {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxConnections < 2) {
            // scan() holds one connection while its visitor may read or write through another
            maxConnections = 2;
        }
    }

    /** @return settings for an embedded H2 file database in {@code folder} */
    static StoreSettings h2(Path folder) {
        return h2(folder, DEFAULT_CONNECTIONS);
    }

    private static StoreSettings h2(Path folder, int maxConnections) {
        Path abs = folder.toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + abs.resolve(H2_NAME) + H2_SETTINGS;
        return new StoreSettings(Backend.H2, url, "", "", abs, abs.resolve(H2_NAME + ".mv.db").toString(),
                maxConnections);
    }

    /**
     * @param url a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL
     * @return settings for that database
     * @throws CoreException {@link StoreError#CONFIGURATION} for another kind of URL
     */
    static StoreSettings url(String url, String user, String password, int maxConnections) throws CoreException {
        String lower = url.toLowerCase(Locale.ROOT);
        String shown = withoutSecrets(url);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new StoreSettings(Backend.POSTGRESQL, url, user, password, null, shown, maxConnections);
        }
        if (lower.startsWith("jdbc:h2:")) {
            String full = url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
            return new StoreSettings(Backend.H2, full, user, password, null, shown, maxConnections);
        }
        throw StoreStatus.exception(StoreError.CONFIGURATION, null, null,
                "Unsupported store URL '" + shown + "': use jdbc:postgresql://host/database or jdbc:h2:...", null);
    }

    /**
     * Reads the component configuration.
     *
     * @param config the configuration
     * @param dataFolder the value of {@code tidemark.data}, or null
     * @param instanceArea the value of {@code osgi.instance.area}, or null
     * @param env the environment (for {@code XDG_DATA_HOME}, {@code HOME})
     * @return the settings
     */
    static StoreSettings of(JpaStoreConfig config, String dataFolder, String instanceArea, Map<String, String> env)
            throws CoreException {
        int connections = config.maxConnections() > 0 ? config.maxConnections() : DEFAULT_CONNECTIONS;
        String url = config.jdbcUrl() == null ? "" : config.jdbcUrl().trim();
        if (!url.isEmpty()) {
            return url(url, config.user(), config._password(), connections);
        }
        String folder = config.folder() == null ? "" : config.folder().trim();
        if (!folder.isEmpty()) {
            return h2(Path.of(folder), connections);
        }
        return h2(defaultFolder(dataFolder, instanceArea, env), connections);
    }

    /**
     * @param dataFolder the user's Tidemark data folder ({@code tidemark.data}, which the {@code tidemark} launcher
     *        sets for the command and the workbench alike, so that both use one store), or null
     * @return {@code dataFolder} if given, else the instance area's state folder for this bundle if the framework
     *         has an instance area (a store per IDE workspace), else {@code $XDG_DATA_HOME/tidemark}, else
     *         {@code ~/.local/share/tidemark}
     */
    static Path defaultFolder(String dataFolder, String instanceArea, Map<String, String> env) {
        if (dataFolder != null && !dataFolder.isBlank()) {
            return Path.of(dataFolder.trim());
        }
        Path area = instanceArea == null || instanceArea.isBlank() ? null : fileUrlToPath(instanceArea.trim());
        if (area != null) {
            return area.resolve(STATE_FOLDER);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "tidemark");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "tidemark");
    }

    private static Path fileUrlToPath(String url) {
        if (!url.regionMatches(true, 0, "file:", 0, 5)) {
            return null; // e.g. a platform: or http: area; not a place for a database
        }
        try {
            return Path.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            // Eclipse often writes file URLs unencoded ("file:/home/a b/ws/"): take the path as it stands
            return Path.of(url.substring(5));
        }
    }

    /** @return the URL with password parameters removed, safe to show */
    static String withoutSecrets(String url) {
        return SECRET_PARAM.matcher(url).replaceAll("$1$2=***");
    }

    @Override
    public String toString() {
        return backend + " " + location + (user.isEmpty() ? "" : " as " + user);
    }
}
