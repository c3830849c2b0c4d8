package dev.lsarchive.batch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlArraysTests {

	@Test
	void jsonTextsTravelAsGivenOnePerElementWhateverTheyHold() {
		// given: quotes and backslashes (which an array element would escape), and the separator itself raw
		List<String> texts = List.of("{\"a\":\"x\\\"y\\\\z\"}", "[1,2]", "{\"b\":\"\u001e\"}");

		// when
		String joined = SqlArrays.joined(texts);

		// then
		assertThat(joined.split("\u001e", -1)).containsExactly("{\"a\":\"x\\\"y\\\\z\"}", "[1,2]",
				"{\"b\":\"\\u001e\"}");
		assertThat(SqlArrays.joined(List.of())).isEmpty();
	}

}
