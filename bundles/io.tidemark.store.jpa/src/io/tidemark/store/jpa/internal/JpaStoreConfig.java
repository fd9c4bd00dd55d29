/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The store's configuration (PID {@code io.tidemark.store.jpa}), through ConfigAdmin. Without any, the store is
 * an H2 file database in the instance area's state folder for this bundle, or, without an instance area, in
 * {@code $XDG_DATA_HOME/tidemark} or {@code ~/.local/share/tidemark}.
 */
@ObjectClassDefinition(id = JpaMailStore.PID, name = "Tidemark store (JPA)",
        description = "Where Tidemark keeps its replicas: an embedded H2 database, or a shared PostgreSQL database")
@interface JpaStoreConfig {

    /** @return the folder of the embedded H2 database; empty for the default */
    @AttributeDefinition(name = "Database folder", required = false,
            description = "Folder of the embedded H2 database (created on first use). Empty: the instance area.")
    String folder() default "";

    /** @return a JDBC URL ({@code jdbc:postgresql://host/db}, or {@code jdbc:h2:...}); empty for H2 in the folder */
    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:postgresql://host:port/database for a store shared by several workers. Empty: embedded H2.")
    String jdbcUrl() default "";

    /** @return the database user for {@link #jdbcUrl()} */
    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    /**
     * @return the database password for {@link #jdbcUrl()}; the property is {@code .password}: a leading dot
     *         keeps it out of the service properties, and the store never logs it
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    /** @return the most database connections the store opens at once */
    @AttributeDefinition(name = "Connections", required = false, min = "2")
    int maxConnections() default 8;
}
