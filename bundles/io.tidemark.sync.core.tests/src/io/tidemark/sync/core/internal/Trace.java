/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Collects the protocol trace the engine's connections write, to count the commands a sync sent. */
final class Trace implements Consumer<String> {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    void clear() {
        lines.clear();
    }

    /** @return how many client commands (tagged lines) name this command, e.g. {@code SELECT}, {@code FETCH} */
    long commands(String command) {
        Pattern p = Pattern.compile("^C: \\S+ (UID )?" + command + "\\b.*", Pattern.CASE_INSENSITIVE);
        return lines.stream().filter(l -> p.matcher(l).matches()).count();
    }

    /** @return every tagged client command, for failure messages */
    List<String> clientCommands() {
        return lines.stream().filter(l -> l.startsWith("C: ")).toList();
    }
}
