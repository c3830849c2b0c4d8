package dev.lsarchive.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;

import dev.lsarchive.batch.RunContext;

/**
 * SIGTERM (a scheduler stopping the job, a pod being evicted) stops the run at the next chunk
 * boundary instead of killing it mid-write: the run ends STOPPED, the ledger and summary are
 * written, and the next launch resumes it. Replaces Spring Boot's shutdown hook, which would close
 * the database pool under the running job. Spring Batch's own {@code JobExecutionShutdownHook} asks
 * the operator to stop the execution and returns at once: the JVM would then exit before the step
 * reached its chunk boundary, leaving the run STARTED. This hook waits for the job to end (its
 * ledger row written), up to a timeout, and only then closes the context.
 */
class GracefulShutdown implements JobExecutionListener, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final JobOperator jobOperator;

	private final Duration timeout;

	private volatile JobExecution running;

	private volatile CountDownLatch finished = new CountDownLatch(0);

	private ConfigurableApplicationContext context;

	private Thread hook;

	GracefulShutdown(JobOperator jobOperator, Duration timeout) {
		this.jobOperator = jobOperator;
		this.timeout = timeout;
	}

	/** Installs the shutdown hook that stops {@code context}'s run, then closes the context. */
	void install(ConfigurableApplicationContext context) {
		this.context = context;
		this.hook = new Thread(this::onSignal, "graceful-shutdown");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	// a context closed normally (main's exit, a test) takes its hook away with it
	@Override
	public void destroy() {
		if (this.hook != null && Thread.currentThread() != this.hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException shuttingDown) {
				// the JVM is already on its way out; the hook is running or done
			}
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.finished = new CountDownLatch(1);
		this.running = execution;
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running = null;
		this.finished.countDown();
	}

	private void onSignal() {
		JobExecution execution = this.running;
		if (execution != null) {
			// logging may already be shutting down in its own hook: say it on stderr too
			String notice = "Termination requested: stopping run "
					+ execution.getJobParameters().getLocalDate(RunContext.RUN_DATE) + " (job execution "
					+ execution.getId() + ") at the next chunk boundary";
			log.warn(notice);
			System.err.println(notice);
			try {
				this.jobOperator.stop(execution);
				if (!this.finished.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					log.error("The run did not stop within {} s; exiting anyway (the next launch recovers it)",
							this.timeout.toSeconds());
				}
			}
			catch (Exception ex) {
				log.error("Could not stop the run cleanly: {}", ex.toString());
			}
		}
		if (this.context != null && this.context.isActive()) {
			this.context.close();
		}
	}

}
