package dev.lsarchive.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL advisory lock per run date (and one for every snapshot capture), held on a connection of its own for the life of a run.
 * A live run holds it; a run whose process died no longer does, because PostgreSQL releases the
 * lock with the dead session. That is how a launch tells a dead STARTED run from a live one.
 */
final class RunLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RunLock.class);

	// "LSAR": keeps our locks apart from any other application's in the same database
	private static final int NAMESPACE = 0x4C534152;

	private final Connection connection;

	private final int key;

	private final boolean held;

	private RunLock(Connection connection, int key, boolean held) {
		this.connection = connection;
		this.key = key;
		this.held = held;
	}

	/** The key of the snapshot captures: one lock for all slots, so that two never run at once. */
	static final int SNAPSHOT_CAPTURE = -1;

	/** The key of the nightly run of {@code runDate}. */
	static int forRunDate(LocalDate runDate) {
		return (int) runDate.toEpochDay();
	}

	static RunLock tryAcquire(DataSource dataSource, int key) throws SQLException {
		Connection connection = dataSource.getConnection();
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
			connection.setAutoCommit(true);
			statement.setInt(1, NAMESPACE);
			statement.setInt(2, key);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return new RunLock(connection, key, result.getBoolean(1));
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	boolean held() {
		return this.held;
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = this.connection) {
			if (this.held) {
				try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
					statement.setInt(1, NAMESPACE);
					statement.setInt(2, this.key);
					statement.execute();
				}
				catch (SQLException ex) {
					// the session that held the lock is gone (its connection was cut): PostgreSQL released it
					// with the session, and the run's own outcome is what the exit code must report
					log.warn("Could not release the run lock explicitly ({}); it ended with its session", ex.getMessage());
				}
			}
		}
		catch (SQLException ex) {
			log.warn("Could not close the run lock's connection: {}", ex.getMessage());
		}
	}

}
