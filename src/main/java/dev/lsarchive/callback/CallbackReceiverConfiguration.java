package dev.lsarchive.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * The receiver's beans. Imported by {@link CallbackReceiverApplication} only: it carries no
 * {@code @Configuration}, so that the batch modes' component scan never sees it.
 */
class CallbackReceiverConfiguration {

	private static final Duration UNRECONCILED_AGE_REFRESH = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	CallbackMetrics callbackMetrics(MeterRegistry registry) {
		return new CallbackMetrics(registry);
	}

	@Bean
	ReceiverWindow receiverWindow() {
		return new ReceiverWindow();
	}

	@Bean
	GroupCommitter groupCommitter(JdbcTemplate jdbc, NamedParameterJdbcTemplate named,
			PlatformTransactionManager transactionManager, ReceiverWindow window, CallbackMetrics metrics,
			CallbackProperties properties, ArchiveProperties archive, Clock clock, ApplicationEventPublisher events) {
		CallbackWriter writer = new CallbackWriter(jdbc, new QuarantineWriter(named), receiverId(clock));
		return new GroupCommitter(writer, new TransactionTemplate(transactionManager), window, metrics, properties,
				clock, archive.timeZone(), events);
	}

	@Bean
	OpenWindowWhenStarted openWindowWhenStarted(GroupCommitter committer) {
		return new OpenWindowWhenStarted(committer);
	}

	/**
	 * Opens the receiver's window once the application has started: both its ports listen (a start that
	 * cannot bind either never claims a window), and before anything else runs on it (the demo's
	 * registration).
	 */
	static final class OpenWindowWhenStarted implements ApplicationListener<ApplicationStartedEvent>, Ordered {

		private final GroupCommitter committer;

		OpenWindowWhenStarted(GroupCommitter committer) {
			this.committer = committer;
		}

		@Override
		public void onApplicationEvent(ApplicationStartedEvent event) {
			this.committer.serving();
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@Bean
	UnreconciledAge unreconciledAge(JdbcTemplate jdbc, CallbackMetrics metrics) {
		return new UnreconciledAge(jdbc, metrics, UNRECONCILED_AGE_REFRESH);
	}

	@Bean
	ServletRegistrationBean<CallbackServlet> callbackServlet(GroupCommitter committer, ReceiverWindow window,
			CallbackMetrics metrics, CallbackProperties properties, Clock clock) {
		ServletRegistrationBean<CallbackServlet> registration = new ServletRegistrationBean<>(
				new CallbackServlet(properties.token(), committer, window, metrics, clock, properties), "/callbacks/*");
		registration.setAsyncSupported(true);
		registration.setLoadOnStartup(1);
		registration.setName("callbacks");
		return registration;
	}

	// host name and start instant: two instances on one host, or one restarted, never share windows
	private static String receiverId(Clock clock) {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
		}
		return host + "@" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
	}

}
