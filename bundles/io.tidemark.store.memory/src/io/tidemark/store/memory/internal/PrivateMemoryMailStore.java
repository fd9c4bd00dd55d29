/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A memory store of one's own: a DS factory component ({@code component.factory=io.tidemark.store.memory})
 * whose {@code ComponentFactory.newInstance(null).getInstance()} is a new, empty {@link MemoryMailStore}
 * that is not registered as a service and has no whiteboard listeners. For tests (the store TCK makes one
 * per test) and ephemeral use; {@code ComponentInstance.dispose()} closes it.
 */
@Component(factory = PrivateMemoryMailStore.FACTORY, service = {})
public class PrivateMemoryMailStore extends MemoryMailStore {

    /** The {@code component.factory} name. */
    public static final String FACTORY = "io.tidemark.store.memory";

    /** Creates an empty, open store. */
    public PrivateMemoryMailStore() {
        // DS calls this through the component factory
    }

    @Override
    @Deactivate
    protected void deactivate() {
        super.deactivate();
    }
}
