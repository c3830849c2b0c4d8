package dev.lsarchive;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;

import dev.lsarchive.callback.CallbackReceiverApplication;
import dev.lsarchive.cli.StartProblem;
import dev.lsarchive.cli.Usage;
import dev.lsarchive.config.ExitCodes;
import dev.lsarchive.job.CallbackRegistrationApplication;
import dev.lsarchive.job.TransientFailure;

/**
 * Entry point: runs one archive job (or the simulator, by profile) and exits with its exit code, or runs
 * the callback receiver until it is stopped. The batch modes build no actuator endpoint and no health
 * contributor: they serve nothing, and the receiver's probes are the receiver's own (its application keeps
 * them); their metrics (the Pushgateway) need neither.
 */
@SpringBootApplication(exclude = { EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
		InfoContributorAutoConfiguration.class,
		ManagementContextAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
		AvailabilityProbesAutoConfiguration.class, HealthContributorAutoConfiguration.class,
		HealthContributorRegistryAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
		DiskSpaceHealthContributorAutoConfiguration.class, SslHealthContributorAutoConfiguration.class,
		DataSourceHealthContributorAutoConfiguration.class },
		// deprecated in Boot 4: named, so that its removal does not break the build
		excludeName = "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration")
public class ArchiveApplication {

	public static void main(String[] args) {
		Optional<String> answer = Usage.answer(args);
		if (answer.isPresent()) {
			System.out.print(answer.get());
			System.out.flush();
			return;
		}
		int exitCode;
		try {
			// the receiver is a server of its own: a web application without the batch jobs; the registration one
			// signed call, without a database
			if (CallbackReceiverApplication.selected(args)) {
				exitCode = CallbackReceiverApplication.run(args);
			}
			else if (CallbackRegistrationApplication.selected(args)) {
				exitCode = CallbackRegistrationApplication.run(args);
			}
			else {
				exitCode = SpringApplication.exit(SpringApplication.run(ArchiveApplication.class, args));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exitCode = ExitCodes.FAILED;
		}
		catch (RuntimeException ex) {
			// what failed has been printed (one line for a documented failure); the exit code tells a scheduler
			// which kind: a setting to fix (2), a database that does not answer yet (75, relaunched once)
			exitCode = StartProblem.of(ex)
				.map(StartProblem::exitCode)
				.orElse(TransientFailure.isTransient(ex) ? ExitCodes.TRANSIENT_FAILURE : ExitCodes.FAILED);
		}
		System.exit(exitCode);
	}

	static boolean isConfigurationError(Throwable ex) {
		return StartProblem.of(ex).map(StartProblem::exitCode).orElse(-1) == ExitCodes.INVALID_CONFIGURATION;
	}

}
