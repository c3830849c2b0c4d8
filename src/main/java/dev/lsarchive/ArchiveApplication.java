package dev.lsarchive;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.lsarchive.cli.SettingProblemReporter;
import dev.lsarchive.cli.Usage;
import dev.lsarchive.job.ExitCodes;
import dev.lsarchive.job.TransientFailure;

/** Entry point: runs one archive job (or the simulator, by profile) and exits with its exit code. */
@SpringBootApplication
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
			exitCode = SpringApplication.exit(SpringApplication.run(ArchiveApplication.class, args));
		}
		catch (RuntimeException ex) {
			// Spring Boot has already printed what failed; the exit code tells a scheduler which kind
			// (a database that is not reachable yet at start-up is transient: the scheduler relaunches once)
			if (isConfigurationError(ex)) {
				exitCode = ExitCodes.INVALID_CONFIGURATION;
			}
			else {
				exitCode = TransientFailure.isTransient(ex) ? ExitCodes.TRANSIENT_FAILURE : ExitCodes.FAILED;
			}
		}
		System.exit(exitCode);
	}

	static boolean isConfigurationError(Throwable ex) {
		return !SettingProblemReporter.describe(ex).isEmpty();
	}

}
