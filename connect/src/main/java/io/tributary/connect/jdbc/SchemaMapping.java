package io.tributary.connect.jdbc;

import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.jdbc.JdbcSourceConfig.NumericMapping;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value schema of a query's rows, from its {@link ResultSetMetaData}, and the reading of one row into a
 * {@link Struct}. One field per column, named by the column label, optional unless the column is NOT NULL:
 *
 * <table>
 * <caption>SQL type to Connect type</caption>
 * <tr><th>SQL ({@link Types})</th><th>field</th><th>Java value</th></tr>
 * <tr><td>BIT, BOOLEAN</td><td>BOOLEAN</td><td>Boolean</td></tr>
 * <tr><td>TINYINT / SMALLINT / INTEGER / BIGINT</td><td>INT8 / INT16 / INT32 / INT64 (one size up when
 *     unsigned)</td><td>Byte, Short, Integer, Long</td></tr>
 * <tr><td>REAL</td><td>FLOAT32</td><td>Float</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>FLOAT64</td><td>Double</td></tr>
 * <tr><td>NUMERIC, DECIMAL with scale 0 and precision 1 to 18 ({@code numeric.mapping=precision_only}, the
 *     default)</td><td>INT8 / INT16 / INT32 / INT64 (precision up to 2 / 4 / 9 / 18)</td><td>Byte, Short, Integer,
 *     Long</td></tr>
 * <tr><td>other NUMERIC, DECIMAL (every one with {@code none})</td><td>{@link Decimal} of the column's scale, with
 *     the parameter {@value #PRECISION_PARAMETER}</td><td>BigDecimal</td></tr>
 * <tr><td>NUMERIC, DECIMAL of unknown precision or negative scale (PostgreSQL's unconstrained {@code numeric})</td>
 *     <td>STRING</td><td>the exact decimal ({@code "12.50"})</td></tr>
 * <tr><td>CHAR, VARCHAR, LONGVARCHAR, N-variants, CLOB, OTHER (JSON, UUID...)</td><td>STRING</td><td>String</td></tr>
 * <tr><td>DATE</td><td>INT32 named {@code org.apache.kafka.connect.data.Date}</td><td>days since 1970-01-01</td></tr>
 * <tr><td>TIME</td><td>INT32 named {@code org.apache.kafka.connect.data.Time}</td><td>milliseconds since
 *     midnight</td></tr>
 * <tr><td>TIMESTAMP, TIMESTAMP WITH TIME ZONE</td><td>INT64 named {@code org.apache.kafka.connect.data.Timestamp}
 *     </td><td>milliseconds since the epoch (TIMESTAMP read in {@code db.timezone})</td></tr>
 * <tr><td>BINARY, VARBINARY, LONGVARBINARY, BLOB</td><td>BYTES</td><td>byte[]</td></tr>
 * </table>
 *
 * <p>Other columns (ARRAY, STRUCT, ...) are left out, with a warning. Immutable.
 */
final class SchemaMapping {
    private static final Logger log = LoggerFactory.getLogger(SchemaMapping.class);
    /** The Decimal schema parameter with the column's precision (Confluent's and Debezium's name). */
    static final String PRECISION_PARAMETER = "connect.decimal.precision";

    /** Reads one column's value. */
    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private record Mapped(String field, int column, Reader reader) {
    }

    final Schema schema;
    private final List<Mapped> columns;

    private SchemaMapping(Schema schema, List<Mapped> columns) {
        this.schema = schema;
        this.columns = columns;
    }

    /**
     * @param schemaName the struct's name (the table), or null
     * @param warned     columns already warned about, so a query run every poll warns once
     */
    static SchemaMapping of(String schemaName, ResultSetMetaData md, ZoneId zone, NumericMapping numeric,
                            Set<String> warned) throws SQLException {
        SchemaBuilder builder = SchemaBuilder.struct().name(schemaName);
        List<Mapped> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String label = md.getColumnLabel(i);
            boolean optional = md.isNullable(i) != ResultSetMetaData.columnNoNulls;
            SchemaBuilder field = null;
            Reader reader = null;
            boolean signed = md.isSigned(i);
            switch (md.getColumnType(i)) {
                case Types.BIT, Types.BOOLEAN -> {
                    field = SchemaBuilder.type(Schema.Type.BOOLEAN);
                    reader = (rs, c) -> nullable(rs, rs.getBoolean(c));
                }
                case Types.TINYINT -> {
                    field = SchemaBuilder.type(signed ? Schema.Type.INT8 : Schema.Type.INT16);
                    reader = signed ? (rs, c) -> nullable(rs, rs.getByte(c)) : (rs, c) -> nullable(rs, rs.getShort(c));
                }
                case Types.SMALLINT -> {
                    field = SchemaBuilder.type(signed ? Schema.Type.INT16 : Schema.Type.INT32);
                    reader = signed ? (rs, c) -> nullable(rs, rs.getShort(c)) : (rs, c) -> nullable(rs, rs.getInt(c));
                }
                case Types.INTEGER -> {
                    field = SchemaBuilder.type(signed ? Schema.Type.INT32 : Schema.Type.INT64);
                    reader = signed ? (rs, c) -> nullable(rs, rs.getInt(c)) : (rs, c) -> nullable(rs, rs.getLong(c));
                }
                case Types.BIGINT -> {
                    field = SchemaBuilder.type(Schema.Type.INT64);
                    reader = (rs, c) -> nullable(rs, rs.getLong(c));
                }
                case Types.REAL -> {
                    field = SchemaBuilder.type(Schema.Type.FLOAT32);
                    reader = (rs, c) -> nullable(rs, rs.getFloat(c));
                }
                case Types.FLOAT, Types.DOUBLE -> {
                    field = SchemaBuilder.type(Schema.Type.FLOAT64);
                    reader = (rs, c) -> nullable(rs, rs.getDouble(c));
                }
                case Types.NUMERIC, Types.DECIMAL -> {
                    int precision = md.getPrecision(i);
                    int scale = md.getScale(i);
                    if (precision <= 0 || scale < 0 || scale > precision) {
                        // Unconstrained (PostgreSQL's plain numeric): no fixed scale for a Decimal; keep the text.
                        field = SchemaBuilder.type(Schema.Type.STRING);
                        reader = (rs, c) -> {
                            BigDecimal d = rs.getBigDecimal(c);
                            return d == null ? null : d.toPlainString();
                        };
                    } else if (scale == 0 && precision <= 18 && numeric != NumericMapping.NONE) {
                        Schema.Type t = precision <= 2 ? Schema.Type.INT8 : precision <= 4 ? Schema.Type.INT16
                            : precision <= 9 ? Schema.Type.INT32 : Schema.Type.INT64;
                        field = SchemaBuilder.type(t);
                        reader = switch (t) {
                            case INT8 -> (rs, c) -> nullable(rs, rs.getByte(c));
                            case INT16 -> (rs, c) -> nullable(rs, rs.getShort(c));
                            case INT32 -> (rs, c) -> nullable(rs, rs.getInt(c));
                            default -> (rs, c) -> nullable(rs, rs.getLong(c));
                        };
                    } else if (scale > 0 && (numeric == NumericMapping.BEST_FIT_EAGER_DOUBLE
                        || numeric == NumericMapping.BEST_FIT && precision <= 18)) {
                        field = SchemaBuilder.type(Schema.Type.FLOAT64);
                        reader = (rs, c) -> nullable(rs, rs.getDouble(c));
                    } else {
                        field = Decimal.builder(scale).parameter(PRECISION_PARAMETER, Integer.toString(precision));
                        String column = label;
                        reader = (rs, c) -> decimal(rs.getBigDecimal(c), scale, column);
                    }
                }
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                     Types.CLOB, Types.NCLOB, Types.OTHER, Types.SQLXML -> {
                    field = SchemaBuilder.type(Schema.Type.STRING);
                    reader = ResultSet::getString;
                }
                case Types.DATE -> {
                    field = SchemaBuilder.type(Schema.Type.INT32).name(ColumnType.DATE_NAME);
                    reader = (rs, c) -> {
                        LocalDate d = rs.getObject(c, LocalDate.class);
                        return d == null ? null : Math.toIntExact(d.toEpochDay());
                    };
                }
                case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                    field = SchemaBuilder.type(Schema.Type.INT32).name(ColumnType.TIME_NAME);
                    reader = (rs, c) -> {
                        LocalTime t = rs.getObject(c, LocalTime.class);
                        return t == null ? null : (int) (t.toNanoOfDay() / 1_000_000L);
                    };
                }
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                    field = SchemaBuilder.type(Schema.Type.INT64).name(ColumnType.TIMESTAMP_NAME);
                    boolean withZone = hasZone(md, i);
                    reader = (rs, c) -> {
                        java.time.Instant t = readInstant(rs, c, zone, withZone);
                        return t == null ? null : t.toEpochMilli();
                    };
                }
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                    field = SchemaBuilder.type(Schema.Type.BYTES);
                    reader = ResultSet::getBytes;
                }
                default -> {
                    if (warned.add(label)) {
                        log.warn("column {} has SQL type {} ({}), which has no Connect type: it is left out",
                            label, md.getColumnTypeName(i), md.getColumnType(i));
                    }
                }
            }
            if (field != null) {
                builder.field(label, (optional ? field.optional() : field).build());
                columns.add(new Mapped(label, i, reader));
            }
        }
        return new SchemaMapping(builder.build(), columns);
    }

    /** The current row. */
    Struct read(ResultSet rs) throws SQLException {
        Struct s = new Struct(schema);
        for (Mapped m : columns) {
            s.put(m.field(), m.reader().read(rs, m.column()));
        }
        return s;
    }

    /**
     * A TIMESTAMP column's instant: a value without a zone is read as wall-clock time in {@code zone}; one with a
     * zone as itself. Null for SQL NULL.
     */
    static java.time.Instant readInstant(ResultSet rs, int column, ZoneId zone, boolean withZone)
        throws SQLException {
        if (withZone) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.atZone(zone).toInstant();
    }

    /** Whether a timestamp column carries its zone (PostgreSQL reports {@code timestamptz} as plain TIMESTAMP). */
    static boolean hasZone(ResultSetMetaData md, int column) throws SQLException {
        return md.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
            || "timestamptz".equalsIgnoreCase(md.getColumnTypeName(column));
    }

    private static BigDecimal decimal(BigDecimal d, int scale, String column) {
        if (d == null) {
            return null;
        }
        try {
            return d.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DataException("column " + column + " : " + d.toPlainString() + " (expected: at most " + scale
                + " digits after the point, the column's scale)", e);
        }
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
