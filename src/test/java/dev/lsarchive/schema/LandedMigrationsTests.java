package dev.lsarchive.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A versioned migration that has landed never changes: databases have applied it, and Flyway refuses
 * to start on one whose applied migration differs from the jar's. {@code db/migration-checksums.sha256}
 * (the format of {@code sha256sum}, paths from the repository root) holds the SHA-256 of every
 * {@code V*.sql} as it landed; only repeatable migrations ({@code R__*.sql}) may change.
 */
class LandedMigrationsTests {

	private static final Path MIGRATIONS = Path.of("db/migration");

	private static final Path CHECKSUMS = Path.of("db/migration-checksums.sha256");

	private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](db/migration/\\S+)");

	private static final Pattern VERSIONED = Pattern.compile("V\\d+__.*\\.sql");

	@Test
	void noVersionedMigrationChangedAfterItLanded() throws IOException {
		// given
		Map<String, String> landed = landedChecksums();

		// when
		List<String> changed = new ArrayList<>();
		landed.forEach((path, checksum) -> {
			Path file = Path.of(path);
			if (!Files.isRegularFile(file)) {
				changed.add(file.getFileName() + " is listed in " + CHECKSUMS + " but is gone: a migration that"
						+ " landed is never removed or renamed");
			}
			else if (!sha256(file).equals(checksum)) {
				changed.add(file.getFileName() + " changed after it landed: add a new migration instead (listed "
						+ checksum + ", now " + sha256(file) + ")");
			}
		});

		// then
		assertThat(changed).as(String.join("\n", changed)).isEmpty();
	}

	@Test
	void everyVersionedMigrationIsListed() throws IOException {
		// given
		Map<String, String> landed = landedChecksums();

		// when
		List<String> unlisted = new ArrayList<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			files.map((file) -> MIGRATIONS.resolve(file.getFileName()))
				.filter((file) -> VERSIONED.matcher(file.getFileName().toString()).matches())
				.filter((file) -> !landed.containsKey(slashes(file)))
				.sorted()
				.forEach((file) -> unlisted.add(file.getFileName() + " is not in " + CHECKSUMS
						+ ": once it is final, add its line with: sha256sum " + slashes(file) + " >> " + CHECKSUMS));
		}

		// then
		assertThat(unlisted).as(String.join("\n", unlisted)).isEmpty();
	}

	/** The checksum of each listed file, by its path from the repository root; a line not in the format fails. */
	private static Map<String, String> landedChecksums() throws IOException {
		Map<String, String> landed = new LinkedHashMap<>();
		for (String line : Files.readAllLines(CHECKSUMS)) {
			if (line.isBlank()) {
				continue;
			}
			Matcher matcher = LINE.matcher(line);
			assertThat(matcher.matches()).as("%s: not a line of sha256sum over db/migration/: %s", CHECKSUMS, line)
				.isTrue();
			landed.put(matcher.group(2), matcher.group(1));
		}
		return landed;
	}

	private static String sha256(Path file) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static String slashes(Path file) {
		return file.toString().replace('\\', '/');
	}

}
