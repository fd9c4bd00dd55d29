/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tidemark demo}. */
@Command(name = "demo", description = "Demo (to be written).")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return 0;
    }
}
