package dev.medley.catalog.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * What differs between the databases a catalog can live in: how to connect, where its migrations
 * are, how to lock and check it. Everything else is one SQL, in {@link SqlCatalog} and its helpers.
 */
abstract sealed class Database permits SqliteDatabase, PostgresDatabase {

    /** Returns the kind's name, which is also the folder of its migrations: {@code sqlite}, {@code postgresql}. */
    abstract String kind();

    /** Returns the catalog's location as messages may show it: never with a password. */
    abstract String describe();

    /** Opens a new connection in auto-commit mode, ready for use. */
    abstract Connection connect() throws SQLException;

    /** Opens a new connection for transactions that read, then write, in auto-commit mode until one begins. */
    Connection connectForReadThenWrite() throws SQLException {
        return connect();
    }

    /** Returns Flyway set up to migrate this database. */
    abstract FluentConfiguration flyway();

    /** Returns the folder on this machine for state that belongs with this catalog ({@link dev.medley.catalog.Catalog#stateFolder}). */
    abstract Path stateFolder(String purpose);

    /**
     * Called at the start of a transaction (auto-commit just turned off) that must be the only one
     * starting an apply of plan {@code planRun}: returns once no other can, until this one ends.
     */
    abstract void lockApplies(Connection connection, long planRun) throws SQLException;

    /** Checks the database for damage and returns {@code ok}, else what is wrong. */
    abstract String integrityCheck(Connection connection) throws SQLException;

    /** Returns an SQL expression for the database's clock, in epoch milliseconds: the one clock all members share. */
    abstract String nowMillis();

    /** Returns the clause that makes a row-claiming subquery skip rows other transactions hold, or nothing. */
    abstract String skipLocked();

    /** Returns what to tell a user whose catalog cannot be opened. */
    abstract String openAdvice();
}
