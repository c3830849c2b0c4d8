package dev.lsarchive.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A provoked failure reaches the console as one INFO line; other loggers' warnings stay warnings. */
class ExpectedFailuresBelowWarnTests {

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> console = new ListAppender<>();

	ExpectedFailuresBelowWarnTests() {
		ExpectedFailuresBelowWarn filter = new ExpectedFailuresBelowWarn();
		filter.addLoggerName("job.Step");
		filter.start();
		this.context.addTurboFilter(filter);
		this.console.start();
		Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		root.addAppender(this.console);
	}

	@Test
	void anErrorOfAListedLoggerIsOneInfoLineNamingItsRootCause() {
		// given
		Exception failure = new IllegalStateException("step failed",
				new IllegalArgumentException("HTTP 401\n  refused"));

		// when
		this.context.getLogger("job.Step").error("Encountered an error executing step {}", "events", failure);

		// then
		assertThat(this.console.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).isEqualTo(
					"[ERROR outside tests] Encountered an error executing step events (IllegalArgumentException: HTTP 401 refused)");
			assertThat(event.getThrowableProxy()).isNull();
		});
	}

	@Test
	void theStackTraceIsLoggedAtDebugWhereDebugIsOn() {
		// given
		this.context.getLogger("job.Step").setLevel(Level.DEBUG);

		// when
		this.context.getLogger("job.Step").warn("gap", new IllegalStateException("lost"));

		// then
		assertThat(this.console.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.DEBUG);
		assertThat(this.console.list.get(1).getThrowableProxy().getMessage()).isEqualTo("lost");
	}

	@Test
	void otherLoggersAndSilencedLevelsAreLeftAlone() {
		// when
		this.context.getLogger("job.Other").error("unexpected");
		this.context.getLogger("job.Step").setLevel(Level.OFF);
		this.context.getLogger("job.Step").error("silenced");

		// then
		assertThat(this.console.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).isEqualTo("unexpected");
		});
	}

}
