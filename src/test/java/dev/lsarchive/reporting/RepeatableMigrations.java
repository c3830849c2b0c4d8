package dev.lsarchive.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.lsarchive.support.TestDatabase;

/**
 * What each repeatable migration ({@code db/migration/R__*.sql}) creates, as PostgreSQL reports it:
 * each file runs again on a migrated database, in Flyway's order, under an event trigger that notes
 * every object created, all in one transaction rolled back at the end, so that the database is left as
 * it was. Dynamic SQL counts as well as plain statements.
 */
final class RepeatableMigrations {

	static final Path MIGRATIONS = Path.of("db/migration");

	private static final String PLACEHOLDER = "${reader_role}";

	private static final String NOTE_CREATED = """
			CREATE TEMP TABLE lsarchive_created (file text, command_tag text, object_type text, identity text);
			CREATE FUNCTION public.lsarchive_note_created() RETURNS event_trigger LANGUAGE plpgsql AS $$
			BEGIN
			    INSERT INTO pg_temp.lsarchive_created
			    SELECT current_setting('lsarchive.migration'), c.command_tag, c.object_type, c.object_identity
			    FROM pg_event_trigger_ddl_commands() c;
			END $$;
			CREATE EVENT TRIGGER lsarchive_note_created ON ddl_command_end EXECUTE FUNCTION public.lsarchive_note_created();
			""";

	private static final String RUNNING = "SELECT set_config('lsarchive.migration', ?, true)";

	private static final String CREATED = """
			SELECT DISTINCT file, command_tag, object_type, identity FROM pg_temp.lsarchive_created
			WHERE command_tag LIKE 'CREATE %' OR command_tag = 'SELECT INTO'
			ORDER BY file, identity
			""";

	private RepeatableMigrations() {
	}

	/**
	 * One object a repeatable migration created.
	 *
	 * @param file the file's name
	 * @param commandTag the command, e.g. {@code CREATE VIEW} (also for {@code CREATE OR REPLACE})
	 * @param objectType e.g. {@code view}, {@code function}, {@code table}
	 * @param identity the object as {@code pg_identify_object} names it, e.g. {@code reporting.channel_current}
	 */
	record Created(String file, String commandTag, String objectType, String identity) {
	}

	/** The names of the repeatable migrations, in the order Flyway applies them. */
	static List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith("R__") && name.endsWith(".sql"))
				.sorted()
				.toList();
		}
	}

	/** Runs every repeatable migration again on {@code database} (migrated), rolled back; what each created. */
	static List<Created> rerun(TestDatabase database) throws IOException, SQLException {
		try (Connection connection = database.connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(NOTE_CREATED);
				for (String file : files()) {
					try (PreparedStatement running = connection.prepareStatement(RUNNING)) {
						running.setString(1, file);
						running.execute();
					}
					statement.execute(sql(file, database.readerRole()));
				}
				List<Created> created = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery(CREATED)) {
					while (rows.next()) {
						created.add(new Created(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
					}
				}
				return created;
			}
			finally {
				connection.rollback();
			}
		}
	}

	// the file as Flyway runs it: its one placeholder replaced
	private static String sql(String file, String readerRole) throws IOException {
		String sql = Files.readString(MIGRATIONS.resolve(file)).replace(PLACEHOLDER, readerRole);
		if (sql.contains("${")) {
			throw new IllegalStateException(file + " uses a placeholder other than " + PLACEHOLDER
					+ ": teach RepeatableMigrations its value");
		}
		return sql;
	}

}
