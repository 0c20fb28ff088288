package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.DatabaseDialect.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL each dialect writes. */
class DatabaseDialectTest {
    private static final DatabaseDialect H2 = DatabaseDialect.forUrl("jdbc:h2:mem:x");
    private static final DatabaseDialect PG = DatabaseDialect.forUrl("jdbc:postgresql://127.0.0.1:5432/test");
    private static final DatabaseDialect MARIA = DatabaseDialect.forUrl("jdbc:mariadb://127.0.0.1:3306/test");

    @Test
    void theDialectComesFromTheUrl() {
        assertThat(H2).isInstanceOf(H2Dialect.class);
        assertThat(PG).isInstanceOf(PostgresDialect.class);
        assertThat(MARIA).isInstanceOf(MySqlDialect.class);
        assertThat(DatabaseDialect.forUrl("JDBC:MYSQL://db/x")).isInstanceOf(MySqlDialect.class);
        assertThat(DatabaseDialect.forUrl("jdbc:sqlite:x.db").name()).isEqualTo("generic");
    }

    @Test
    void identifiersAreQuotedWithEmbeddedQuotesDoubled() {
        assertThat(H2.quote("my \"table\"")).isEqualTo("\"my \"\"table\"\"\"");
        assertThat(PG.quote("orders.v1")).isEqualTo("\"orders.v1\"");
        assertThat(MARIA.quote("a`b")).isEqualTo("`a``b`");
    }

    @Test
    void upserts() {
        List<String> key = List.of("id");
        List<String> others = List.of("name", "qty");
        assertThat(H2.upsert("t", key, others))
            .isEqualTo("MERGE INTO \"t\" (\"id\", \"name\", \"qty\") KEY (\"id\") VALUES (?, ?, ?)");
        assertThat(PG.upsert("t", key, others)).isEqualTo("INSERT INTO \"t\" (\"id\", \"name\", \"qty\") VALUES "
            + "(?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"qty\" = EXCLUDED.\"qty\"");
        assertThat(MARIA.upsert("t", key, others)).isEqualTo("INSERT INTO `t` (`id`, `name`, `qty`) VALUES "
            + "(?, ?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `qty` = VALUES(`qty`)");
    }

    @Test
    void upsertsOfKeyOnlyRows() {
        List<String> key = List.of("a", "b");
        assertThat(H2.upsert("t", key, List.of()))
            .isEqualTo("MERGE INTO \"t\" (\"a\", \"b\") KEY (\"a\", \"b\") VALUES (?, ?)");
        assertThat(PG.upsert("t", key, List.of()))
            .isEqualTo("INSERT INTO \"t\" (\"a\", \"b\") VALUES (?, ?) ON CONFLICT (\"a\", \"b\") DO NOTHING");
        assertThat(MARIA.upsert("t", key, List.of()))
            .isEqualTo("INSERT INTO `t` (`a`, `b`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `a` = VALUES(`a`)");
        assertThatThrownBy(() -> DatabaseDialect.forUrl("jdbc:sqlite:x").upsert("t", key, List.of()))
            .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("insert.mode=upsert");
    }

    @Test
    void insertUpdateDelete() {
        assertThat(PG.insert("t", List.of("id", "name"))).isEqualTo("INSERT INTO \"t\" (\"id\", \"name\") VALUES (?, ?)");
        assertThat(MARIA.update("t", List.of("k1", "k2"), List.of("v")))
            .isEqualTo("UPDATE `t` SET `v` = ? WHERE `k1` = ? AND `k2` = ?");
        assertThat(H2.delete("t", List.of("id"))).isEqualTo("DELETE FROM \"t\" WHERE \"id\" = ?");
    }

    @Test
    void createTableMapsTypesPerDialect() {
        List<Column> columns = List.of(new Column("id", ColumnType.STRING, false),
            new Column("n", ColumnType.INT64, true), new Column("x", ColumnType.FLOAT64, true),
            new Column("ok", ColumnType.BOOLEAN, false), new Column("doc", ColumnType.JSON, true),
            new Column("raw", ColumnType.BYTES, true), new Column("day", ColumnType.DATE, true),
            new Column("at", ColumnType.TIMESTAMP, true), new Column("small", ColumnType.INT8, true));
        assertThat(H2.createTable("t", columns, List.of("id"))).isEqualTo("CREATE TABLE \"t\" ("
            + "\"id\" CHARACTER VARYING NOT NULL, \"n\" BIGINT NULL, \"x\" DOUBLE PRECISION NULL, "
            + "\"ok\" BOOLEAN NOT NULL, \"doc\" CHARACTER VARYING NULL, \"raw\" BINARY VARYING NULL, "
            + "\"day\" DATE NULL, \"at\" TIMESTAMP(3) NULL, \"small\" TINYINT NULL, PRIMARY KEY (\"id\"))");
        assertThat(PG.createTable("t", columns, List.of("id"))).isEqualTo("CREATE TABLE \"t\" ("
            + "\"id\" TEXT NOT NULL, \"n\" BIGINT NULL, \"x\" DOUBLE PRECISION NULL, \"ok\" BOOLEAN NOT NULL, "
            + "\"doc\" TEXT NULL, \"raw\" BYTEA NULL, \"day\" DATE NULL, \"at\" TIMESTAMP(3) NULL, "
            + "\"small\" SMALLINT NULL, PRIMARY KEY (\"id\"))");
        assertThat(MARIA.createTable("t", columns, List.of("id"))).isEqualTo("CREATE TABLE `t` ("
            + "`id` VARCHAR(256) NOT NULL, `n` BIGINT NULL, `x` DOUBLE NULL, `ok` BOOLEAN NOT NULL, "
            + "`doc` LONGTEXT NULL, `raw` BLOB NULL, `day` DATE NULL, `at` DATETIME(3) NULL, "
            + "`small` TINYINT NULL, PRIMARY KEY (`id`))");
        assertThat(MARIA.createTable("t", List.of(new Column("v", ColumnType.STRING, true)), List.of()))
            .isEqualTo("CREATE TABLE `t` (`v` TEXT NULL)");
    }

    @Test
    void addedColumnsAreNullable() {
        List<Column> added = List.of(new Column("email", ColumnType.STRING, true),
            new Column("score", ColumnType.FLOAT32, true));
        assertThat(PG.addColumns("t", added)).containsExactly("ALTER TABLE \"t\" ADD \"email\" TEXT NULL",
            "ALTER TABLE \"t\" ADD \"score\" REAL NULL");
        assertThat(MARIA.addColumns("t", added)).containsExactly("ALTER TABLE `t` ADD `email` TEXT NULL",
            "ALTER TABLE `t` ADD `score` FLOAT NULL");
        assertThat(H2.addColumns("t", added)).containsExactly("ALTER TABLE \"t\" ADD \"email\" CHARACTER VARYING NULL",
            "ALTER TABLE \"t\" ADD \"score\" REAL NULL");
    }
}
