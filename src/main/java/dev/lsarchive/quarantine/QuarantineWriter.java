package dev.lsarchive.quarantine;

import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import dev.lsarchive.normalize.QuarantineRecord;
import dev.lsarchive.normalize.StorableText;

/** Stores quarantined records in {@code livestation.quarantine}, inside the chunk's transaction. */
public final class QuarantineWriter {

	private static final String INSERT = """
			INSERT INTO livestation.quarantine (run_date, job_execution_id, resource, endpoint, channel_id, reason, payload)
			VALUES (:runDate, :jobExecutionId, :resource, :endpoint, :channelId, :reason, :payload)
			""";

	private final NamedParameterJdbcTemplate jdbc;

	public QuarantineWriter(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes every record in one batch; {@code jobExecutionId} is null for a record no job execution met (a callback). */
	public void write(List<QuarantineRecord> records, LocalDate runDate, @Nullable Long jobExecutionId) {
		if (records.isEmpty()) {
			return;
		}
		SqlParameterSource[] batch = records.stream()
			.map((r) -> new MapSqlParameterSource().addValue("runDate", runDate)
				.addValue("jobExecutionId", jobExecutionId, Types.BIGINT)
				.addValue("resource", r.resource())
				.addValue("endpoint", StorableText.forQuarantine(r.endpoint()))
				.addValue("channelId", StorableText.identifierForQuarantine(r.channelId()))
				.addValue("reason", StorableText.forQuarantine(r.reason()))
				.addValue("payload", StorableText.forQuarantine(r.payload())))
			.toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate(INSERT, batch);
	}

}
