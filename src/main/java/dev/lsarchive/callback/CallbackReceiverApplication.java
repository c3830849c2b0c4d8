package dev.lsarchive.callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.lsarchive.config.ArchiveProperties;

/**
 * The callback receiver's application: Boot's auto-configuration without Spring Batch, and the
 * receiver's beans alone (none of the batch jobs' configurations), on an embedded web server; with the
 * {@code demo} profile, the built-in simulator pushing to it. Started by the entry point when
 * {@code archive.job=callback-receiver}.
 */
@EnableAutoConfiguration(exclude = { BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
@EnableConfigurationProperties({ CallbackProperties.class, ArchiveProperties.class })
@Import({ CallbackReceiverConfiguration.class, ReceiverDemoConfiguration.class })
public class CallbackReceiverApplication {

	private static final Logger log = LoggerFactory.getLogger(CallbackReceiverApplication.class);

	/** Whether {@code args}, the environment variables and the system properties choose the callback receiver. */
	public static boolean selected(String[] args) {
		return ArchiveProperties.Job.CALLBACK_RECEIVER.chosenBy(args);
	}

	/** Starts the receiver with {@code args}; the caller closes the context (or a signal does). */
	public static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(CallbackReceiverApplication.class);
		// told once it serves, before anything runs on it (the demo's registration)
		application.addListeners(new ApplicationListener<ApplicationStartedEvent>() {
			@Override
			public void onApplicationEvent(ApplicationStartedEvent event) {
				serving(event.getApplicationContext());
			}
		});
		return application.run(args);
	}

	private static void serving(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		log.info("Callback receiver: accepting POST /callbacks/{token} on port {}; health and metrics on port {}", port,
				context.getEnvironment().getProperty("local.management.port",
						context.getEnvironment().getProperty("management.server.port", "?")));
	}

	/**
	 * Runs the receiver until {@code archive.callback.stop-after} has passed (then it stops, committing what
	 * it accepted, and returns 0) or, without it, until the process is stopped (SIGTERM: the same stop).
	 */
	public static int run(String... args) throws InterruptedException {
		ConfigurableApplicationContext context = start(args);
		CallbackProperties properties = context.getBean(CallbackProperties.class);
		GroupCommitter committer = context.getBean(GroupCommitter.class);
		if (properties.stopAfter() != null) {
			Thread.sleep(properties.stopAfter().toMillis());
			context.close();
		}
		committer.awaitStopped();
		return 0;
	}

}
