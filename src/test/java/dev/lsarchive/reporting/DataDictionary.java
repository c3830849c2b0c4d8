package dev.lsarchive.reporting;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.lsarchive.support.ArchiveTables;
import dev.lsarchive.support.TestDatabase;

/**
 * Renders docs/data-dictionary.md from the migrated schema's catalog and its COMMENTs, with the
 * repeatable migration that defines each view and function.
 */
final class DataDictionary {

	static final String PATH = "docs/data-dictionary.md";

	private static final String RELATIONS = """
			SELECT n.nspname AS schema, c.relname AS name, (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity,
			       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' END AS kind,
			       coalesce(obj_description(c.oid, 'pg_class'), '') AS comment, c.oid::bigint AS oid
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname IN ('livestation', 'reporting') AND c.relkind IN ('r', 'v', 'm')
			ORDER BY n.nspname, c.relname
			""";

	private static final String COLUMNS = """
			SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
			       coalesce(col_description(a.attrelid, a.attnum), '') AS comment
			FROM pg_attribute a WHERE a.attrelid = %d AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
			""";

	private static final String FUNCTIONS = """
			SELECT (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity,
			       p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
			       pg_get_function_result(p.oid) AS result, coalesce(obj_description(p.oid, 'pg_proc'), '') AS comment
			FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname = '%s' ORDER BY 2
			""";

	private DataDictionary() {
	}

	static String render() throws IOException, SQLException {
		Map<String, String> definedIn = definedIn();
		StringBuilder md = new StringBuilder();
		md.append("# Data dictionary\n\n");
		md.append("Generated from the migrated schema (`db/migration`) and its `COMMENT`s; a test fails when they\n");
		md.append("differ. Regenerate: `./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DataDictionaryIntegrationTests -Ddictionary.write=true`.\n\n");
		md.append("Tables are created and changed by the versioned migrations only (`db/migration/V<n>__*.sql`, never\n");
		md.append("edited once shipped). Each view and function is defined whole in one repeatable migration\n");
		md.append("(`db/migration/R__<nn>_<name>.sql`, named under it below), which Flyway applies again whenever the\n");
		md.append("file changes; a versioned migration that changes a table a view reads drops the view first and\n");
		md.append("touches the view's file, so that the view is recreated in the same migrate.\n\n");
		md.append("Records as received: `payload` (`channel`, `restream_target`, `snapshot`, `recording`,\n");
		md.append("`channel_version`) and `channel_event.extra` are `jsonb`, secrets removed. Read a field with `->>`\n");
		md.append("(text) or `->` (JSON), a nested one with `#>>`: `SELECT channel_id, payload->>'qualitySetId',\n");
		md.append("payload#>>'{cdn,cdnType}' FROM livestation.channel`. A field filtered on often gets an expression\n");
		md.append("index: `CREATE INDEX channel_quality_set ON livestation.channel ((payload->>'qualitySetId'))`, which\n");
		md.append("serves `WHERE payload->>'qualitySetId' = '2'`. `reporting.api_fields` lists every field seen, per\n");
		md.append("resource, and whether a column maps it.\n");
		String schema = "";
		for (Map<String, Object> relation : ArchiveTables.rows(RELATIONS)) {
			if (!relation.get("schema").equals(schema)) {
				functions(md, schema, definedIn);
				schema = (String) relation.get("schema");
				md.append("\n## Schema `").append(schema).append("`\n");
			}
			md.append("\n### `").append(schema).append('.').append(relation.get("name")).append("` (")
				.append(relation.get("kind")).append(")\n\n").append(relation.get("comment")).append("\n\n");
			definedIn(md, definedIn, relation);
			md.append("| column | type | null | description |\n|---|---|---|---|\n");
			List<Map<String, Object>> columns = ArchiveTables.rows(String.format(COLUMNS, (Long) relation.get("oid")));
			for (Map<String, Object> column : columns) {
				md.append("| `").append(column.get("name")).append("` | ").append(column.get("type")).append(" | ")
					.append(Boolean.TRUE.equals(column.get("not_null")) ? "not null" : "").append(" | ")
					.append(((String) column.get("comment")).replace("|", "\\|")).append(" |\n");
			}
		}
		functions(md, schema, definedIn);
		return md.toString();
	}

	private static void functions(StringBuilder md, String schema, Map<String, String> definedIn) {
		for (Map<String, Object> function : ArchiveTables.rows(String.format(FUNCTIONS, schema))) {
			md.append("\n### `").append(schema).append('.').append(function.get("signature")).append("` (function)\n\n")
				.append(function.get("comment")).append("\n\n");
			definedIn(md, definedIn, function);
			md.append("Returns `").append(function.get("result")).append("`.\n");
		}
	}

	private static void definedIn(StringBuilder md, Map<String, String> definedIn, Map<String, Object> object) {
		String file = definedIn.get((String) object.get("identity"));
		if (file != null) {
			md.append("Defined in `").append(RepeatableMigrations.MIGRATIONS.resolve(file).toString().replace('\\', '/'))
				.append("`.\n\n");
		}
	}

	// the repeatable migration that creates each object, by its identity
	private static Map<String, String> definedIn() throws IOException, SQLException {
		Map<String, String> files = new HashMap<>();
		for (RepeatableMigrations.Created created : RepeatableMigrations.rerun(TestDatabase.get())) {
			// one each: ReportingDefinitionsIntegrationTests proves it
			files.putIfAbsent(created.identity(), created.file());
		}
		return files;
	}

}
