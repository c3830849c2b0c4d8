package dev.lsarchive.batch;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a whole chunk as PostgreSQL arrays, so that one {@code unnest(…)} statement writes it:
 * set-based, parameterized, and with an exact row count (which batched statements may not report).
 */
public final class SqlArrays {

	private SqlArrays() {
	}

	/** An instant as a JDBC timestamp element, null for null. */
	public static java.sql.Timestamp timestamp(java.time.Instant instant) {
		return (instant != null) ? java.sql.Timestamp.from(instant) : null;
	}

	/** Binds {@code values} at {@code index} as an array of the SQL type {@code type}. */
	public static void bind(PreparedStatement statement, int index, String type, Object[] values)
			throws SQLException {
		statement.setArray(index, statement.getConnection().createArrayOf(type, values));
	}

}
