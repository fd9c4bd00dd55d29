/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.net.URL;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;

/**
 * The persistence unit, described in code rather than in {@code persistence.xml}: in OSGi the JPA bootstrap
 * through {@code jakarta.persistence.Persistence} cannot see this bundle's classes, so the store hands
 * EclipseLink's provider this description, its own class loader and a ready data source (BUILD-NOTES).
 */
final class PersistenceUnit implements PersistenceUnitInfo {

    static final String NAME = "tidemark";

    static final List<Class<?>> ENTITIES = List.of(AccountEntity.class, MailboxEntity.class, MessageEntity.class,
            ContentEntity.class, JournalEntity.class, LeaseEntity.class);

    private final DataSource dataSource;
    private final ClassLoader loader;

    PersistenceUnit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.loader = PersistenceUnit.class.getClassLoader();
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return org.eclipse.persistence.jpa.PersistenceProvider.class.getName();
    }

    @Override
    public String getScopeAnnotationName() {
        return null;
    }

    @Override
    public List<String> getQualifierAnnotationNames() {
        return List.of();
    }

    @SuppressWarnings("deprecation")
    @Override
    public jakarta.persistence.spi.PersistenceUnitTransactionType getTransactionType() {
        return jakarta.persistence.spi.PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    /**
     * EclipseLink needs a root even when every class is listed; the package folder of this class exists in
     * a bundle, a jar and a class folder alike.
     */
    @Override
    public URL getPersistenceUnitRootUrl() {
        return PersistenceUnit.class.getResource("");
    }

    @Override
    public List<String> getManagedClassNames() {
        return ENTITIES.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        // rows also change through JDBC batches and, in shared mode, through other processes
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.2";
    }

    @Override
    public ClassLoader getClassLoader() {
        return loader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // weaving is off
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return loader;
    }
}
