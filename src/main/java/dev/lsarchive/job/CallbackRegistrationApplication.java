package dev.lsarchive.job;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.api.ApiCallStats;
import dev.lsarchive.api.LiveStationClient;
import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.callback.CallbackProperties;
import dev.lsarchive.callback.CallbackRegistration;
import dev.lsarchive.config.ArchiveProperties;

/**
 * The callback registration's application ({@code archive.job=register-callback}): its settings and the API
 * client, nothing else. A registration is one signed call and writes nothing, so it starts without a database,
 * a migration, Spring Batch or a web server, and asks for no database settings. Started by the entry point.
 */
// not a @Configuration: the batch application's package scan must not find it (its settings would bind there too)
@EnableConfigurationProperties({ ArchiveProperties.class, LiveStationProperties.class })
public class CallbackRegistrationApplication {

	/** Whether {@code args}, the environment variables and the system properties choose the registration. */
	public static boolean selected(String[] args) {
		return ArchiveProperties.Job.REGISTER_CALLBACK.chosenBy(args);
	}

	/** Registers the callback endpoint the settings in {@code args} and the environment name; the exit code. */
	public static int run(String... args) {
		SpringApplication application = new SpringApplication(CallbackRegistrationApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			LiveStationClient client = new LiveStationClient(context.getBean(LiveStationProperties.class),
					new ApiCallStats(), Clock.systemUTC());
			CallbackProperties callback = CallbackProperties.of(context.getEnvironment());
			return new CallbackRegistration(client, System.out, System.err).register(callback.url(), callback.channel(),
					callback.token());
		}
	}

}
