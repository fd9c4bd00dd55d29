/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.BundleContext;

/**
 * Everything a command takes from the world around it, so that tests can run commands in-process with their
 * own folders, environment variables and streams.
 *
 * @param env the environment variables (password variables, XDG folders)
 * @param dataDir the user's data folder ({@code tidemark.data}): the default store lives here
 * @param configDir the user's configuration folder: the config file and the secure storage live here
 * @param workDir the folder relative paths on the command line are resolved against
 * @param out standard output: results
 * @param err standard error: progress, warnings, errors
 * @param terminal the terminal, if a person is watching
 * @param interrupts Ctrl-C
 * @param context the OSGi bundle context to find services in
 * @param serviceTimeout how long to wait for the engine, store and secret services
 */
public record Environment(Map<String, String> env, Path dataDir, Path configDir, Path workDir, PrintWriter out,
        PrintWriter err, Terminal terminal, Interrupts interrupts, BundleContext context, Duration serviceTimeout) {

    /** Checks and copies. */
    public Environment {
        env = Map.copyOf(env);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        terminal = terminal == null ? Terminal.NONE : terminal;
        interrupts = interrupts == null ? new Interrupts() : interrupts;
        Objects.requireNonNull(context, "context");
        serviceTimeout = serviceTimeout == null ? Duration.ofSeconds(30) : serviceTimeout;
    }

    /**
     * @param property the {@code tidemark.data} system property, or null
     * @param env the environment
     * @return the data folder: the property, else {@code $XDG_DATA_HOME/tidemark}, else
     *         {@code ~/.local/share/tidemark}
     */
    public static Path dataDir(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "tidemark").toAbsolutePath();
        }
        return Path.of(home(env), ".local", "share", "tidemark");
    }

    /**
     * @param property the {@code tidemark.config} system property, or null
     * @param env the environment
     * @return the configuration folder: the property, else {@code $XDG_CONFIG_HOME/tidemark}, else
     *         {@code ~/.config/tidemark}
     */
    public static Path configDir(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "tidemark").toAbsolutePath();
        }
        return Path.of(home(env), ".config", "tidemark");
    }

    private static String home(Map<String, String> env) {
        return env.getOrDefault("HOME", System.getProperty("user.home"));
    }
}
