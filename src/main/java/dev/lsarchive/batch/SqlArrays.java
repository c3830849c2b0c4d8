package dev.lsarchive.batch;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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

	/**
	 * The SQL array of the JSON texts {@link #bindJson} binds, for an {@code unnest} beside the other
	 * values: each text as given.
	 */
	public static final String JSON_TEXTS = "string_to_array(?, chr(30))";

	// the record separator, which a JSON text holds only escaped
	private static final char SEPARATOR = 0x1e;

	/**
	 * Binds JSON texts at {@code index} for {@link #JSON_TEXTS}: joined by a character that no JSON
	 * text holds unescaped, so that none of them is escaped as an array element would be (which costs
	 * as much as a JSON text has quotes, and as much again to read back).
	 *
	 * @param texts each a JSON text (where JSON writes control characters escaped: one that holds the
	 * separator raw, which is no JSON, gets it escaped, so that the texts stay one per element)
	 */
	public static void bindJson(PreparedStatement statement, int index, List<String> texts) throws SQLException {
		statement.setString(index, joined(texts));
	}

	/** The texts as {@link #bindJson} binds them. */
	static String joined(List<String> texts) {
		int length = 0;
		for (String text : texts) {
			length += text.length() + 1;
		}
		StringBuilder joined = new StringBuilder(length);
		for (int i = 0; i < texts.size(); i++) {
			if (i > 0) {
				joined.append(SEPARATOR);
			}
			String text = texts.get(i);
			joined.append((text.indexOf(SEPARATOR) < 0) ? text : text.replace(String.valueOf(SEPARATOR), "\\u001e"));
		}
		return joined.toString();
	}

	/** Binds {@code values} at {@code index} as an array of the SQL type {@code type}. */
	public static void bind(PreparedStatement statement, int index, String type, Object[] values)
			throws SQLException {
		statement.setArray(index, statement.getConnection().createArrayOf(type, values));
	}

}
