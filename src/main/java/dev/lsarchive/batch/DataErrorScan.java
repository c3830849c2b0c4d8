package dev.lsarchive.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a chunk's rows so that a row the database refuses for a reason of its data costs that row,
 * not the chunk: the write runs inside a savepoint of the chunk's transaction; when PostgreSQL
 * refuses it with a data error (SQLSTATE class 21 cardinality, 22 data exception, 23 integrity
 * constraint, 54 program limit such as an index row too large), the savepoint is rolled back and
 * the rows are written again in halves, recursively, until each refused row stands alone. Those are
 * returned with the database's message; every other row is written in the same transaction. Any
 * other failure (a lost connection, a serialization failure, a bug) is thrown as it is: the chunk
 * rolls back and the run fails or retries as before. A chunk without a refused row costs one
 * savepoint.
 * <p>
 * Spring Batch's own skip-and-scan re-writes a failed chunk item by item, each in a transaction of
 * its own; here an item of the events step is a block of up to thousands of events written with one
 * {@code COPY}, so the scan has to reach inside the item, and bisection finds one bad row among
 * {@code n} in about {@code 2 log2 n} writes instead of {@code n}.
 */
public final class DataErrorScan {

	private static final Set<String> DATA_ERROR_CLASSES = Set.of("21", "22", "23", "54");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DataErrorScan() {
	}

	/**
	 * Writes rows, returning how many it wrote.
	 *
	 * @param <T> the row type
	 */
	@FunctionalInterface
	public interface Write<T> {

		int write(List<T> rows) throws SQLException;

	}

	/**
	 * A row the database refused.
	 *
	 * @param row the row
	 * @param reason the database's message, with its SQLSTATE
	 * @param <T> the row type
	 */
	public record Refused<T>(T row, String reason) {

		/** The row as JSON, for a quarantine payload (rows never hold a secret). */
		public String rowJson() {
			return JSON.writeValueAsString(this.row);
		}

	}

	/**
	 * What a scanned write did.
	 *
	 * @param written rows written, as the write counted them
	 * @param refused rows the database refused, each alone
	 * @param <T> the row type
	 */
	public record Result<T>(int written, List<Refused<T>> refused) {

		/** This write and {@code other} together. */
		public Result<T> and(Result<T> other) {
			List<Refused<T>> both = new ArrayList<>(this.refused);
			both.addAll(other.refused);
			return new Result<>(this.written + other.written, both);
		}

	}

	/** Writes {@code rows} with {@code write} on the transaction's connection of {@code dataSource}. */
	public static <T> Result<T> write(DataSource dataSource, List<T> rows, Write<T> write) throws SQLException {
		if (rows.isEmpty()) {
			return new Result<>(0, List.of());
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			List<Refused<T>> refused = new ArrayList<>();
			int written = scan(connection, rows, write, refused);
			return new Result<>(written, refused);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static <T> int scan(Connection connection, List<T> rows, Write<T> write, List<Refused<T>> refused)
			throws SQLException {
		Savepoint before = connection.setSavepoint();
		try {
			int written = write.write(rows);
			connection.releaseSavepoint(before);
			return written;
		}
		catch (SQLException | DataAccessException ex) {
			SQLException dataError = dataError(ex);
			if (dataError == null) {
				throw ex;
			}
			connection.rollback(before);
			if (rows.size() == 1) {
				refused.add(new Refused<>(rows.get(0), reason(dataError)));
				return 0;
			}
			int half = rows.size() / 2;
			return scan(connection, rows.subList(0, half), write, refused)
					+ scan(connection, rows.subList(half, rows.size()), write, refused);
		}
	}

	/** The SQL exception in {@code failure}'s causes when it is a data error, else null. */
	static @Nullable SQLException dataError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
				return DATA_ERROR_CLASSES.contains(sql.getSQLState().substring(0, 2)) ? sql : null;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static String reason(SQLException error) {
		String message = (error.getMessage() != null) ? error.getMessage().lines().findFirst().orElse("") : "";
		return "the database refused the row (SQLSTATE " + error.getSQLState() + "): " + message;
	}

}
