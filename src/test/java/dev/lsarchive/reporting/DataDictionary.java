package dev.lsarchive.reporting;

import java.util.List;
import java.util.Map;

import dev.lsarchive.support.ArchiveTables;

/** Renders docs/data-dictionary.md from the migrated schema's catalog and its COMMENTs. */
final class DataDictionary {

	static final String PATH = "docs/data-dictionary.md";

	private static final String RELATIONS = """
			SELECT n.nspname AS schema, c.relname AS name,
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

	private DataDictionary() {
	}

	static String render() {
		StringBuilder md = new StringBuilder();
		md.append("# Data dictionary\n\n");
		md.append("Generated from the migrated schema (`db/migration`) and its `COMMENT`s; a test fails when they\n");
		md.append("differ. Regenerate: `./mvnw verify -Dit.test=DataDictionaryIntegrationTests -Ddictionary.write=true`.\n");
		String schema = "";
		for (Map<String, Object> relation : ArchiveTables.rows(RELATIONS)) {
			if (!relation.get("schema").equals(schema)) {
				schema = (String) relation.get("schema");
				md.append("\n## Schema `").append(schema).append("`\n");
			}
			md.append("\n### `").append(schema).append('.').append(relation.get("name")).append("` (")
				.append(relation.get("kind")).append(")\n\n").append(relation.get("comment")).append("\n\n");
			md.append("| column | type | null | description |\n|---|---|---|---|\n");
			List<Map<String, Object>> columns = ArchiveTables.rows(String.format(COLUMNS, (Long) relation.get("oid")));
			for (Map<String, Object> column : columns) {
				md.append("| `").append(column.get("name")).append("` | ").append(column.get("type")).append(" | ")
					.append(Boolean.TRUE.equals(column.get("not_null")) ? "not null" : "").append(" | ")
					.append(((String) column.get("comment")).replace("|", "\\|")).append(" |\n");
			}
		}
		return md.toString();
	}

}
