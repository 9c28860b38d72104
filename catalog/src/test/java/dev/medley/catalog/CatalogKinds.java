package dev.medley.catalog;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.medley.catalog.sql.PostgresCatalogFactory;
import dev.medley.catalog.sql.PostgresServer;
import dev.medley.catalog.sql.SqliteCatalogFactory;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kinds of catalog every catalog test runs against; a new kind of catalog adds its factory here.
 * PostgreSQL's is left out where PostgreSQL is not installed ({@link PostgresServer}).
 */
public final class CatalogKinds {
    private CatalogKinds() {}

    /** Returns a factory of each kind, named by it. */
    public static Stream<CatalogFactory> all() {
        Stream<CatalogFactory> sqlite = Stream.of(new SqliteCatalogFactory());
        return Stream.concat(sqlite, PostgresServer.shared().map(PostgresCatalogFactory::new).stream());
    }

    /** Runs the test once for each kind of catalog, passing the kind's {@link CatalogFactory}. */
    @Target(METHOD)
    @Retention(RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.medley.catalog.CatalogKinds#all")
    public @interface EachKind {}
}
