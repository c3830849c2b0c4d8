package dev.lsarchive;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.lsarchive.callback.CallbackReceiverApplication;
import dev.lsarchive.cli.StartProblem;
import dev.lsarchive.cli.Usage;
import dev.lsarchive.job.ExitCodes;
import dev.lsarchive.job.TransientFailure;

/**
 * Entry point: runs one archive job (or the simulator, by profile) and exits with its exit code, or runs
 * the callback receiver until it is stopped.
 */
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
			// the receiver is a server of its own: a web application without the batch jobs
			exitCode = CallbackReceiverApplication.selected(args) ? CallbackReceiverApplication.run(args)
					: SpringApplication.exit(SpringApplication.run(ArchiveApplication.class, args));
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
