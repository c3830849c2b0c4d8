package dev.lsarchive.batch;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

import dev.lsarchive.support.ArchiveRun;
import dev.lsarchive.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the Spring Batch behaviour {@link CommittedState} works around: when a chunk's commit fails,
 * the step still saves the ExecutionContext its streams updated for that chunk. Once this test's
 * first expectation fails, Spring Batch saves only committed state and {@code CommittedState} can go.
 */
class CommittedStateIntegrationTests {

	@Test
	void aFailedCommitLeavesTheSavedPositionAheadUnlessGuarded() throws Exception {
		// given
		ArchiveRun.migrateOnly();
		DataSource dataSource = new DriverManagerDataSource(TestDatabase.get().jdbcUrl(), TestDatabase.get().username(),
				TestDatabase.get().password());
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
		factory.setTablePrefix("batch.BATCH_");
		factory.afterPropertiesSet();
		JobRepository repository = factory.getObject();

		// when: the second chunk's commit fails
		Object unguarded = savedPositionAfterFailedSecondCommit(repository, dataSource, false);
		Object guarded = savedPositionAfterFailedSecondCommit(repository, dataSource, true);

		// then: Spring Batch 6.0 saved the position of the chunk that rolled back; the guard keeps the committed one
		assertThat(unguarded).as("upstream behaviour (spring-projects/spring-batch#5182)").isEqualTo(2);
		assertThat(guarded).isEqualTo(1);
	}

	private static Object savedPositionAfterFailedSecondCommit(JobRepository repository, DataSource dataSource,
			boolean guard) throws Exception {
		AtomicInteger commits = new AtomicInteger();
		DataSourceTransactionManager failingSecondCommit = new DataSourceTransactionManager(dataSource) {
			@Override
			protected void doCommit(DefaultTransactionStatus status) {
				if (commits.incrementAndGet() == 2) {
					throw new TransactionSystemException("the connection was cut at commit");
				}
				super.doCommit(status);
			}
		};
		ItemStream position = new ItemStream() {
			private int chunks;

			@Override
			public void update(ExecutionContext context) {
				if (guard) {
					CommittedState.guard(context, "position");
				}
				context.putInt("position", ++this.chunks);
			}
		};
		Step step = new StepBuilder("pinned", repository).<Integer, Integer>chunk(1)
			.transactionManager(failingSecondCommit)
			.reader(new ListItemReader<>(List.of(1, 2, 3)))
			.writer((items) -> {
			})
			.stream(position)
			.build();
		JobParameters parameters = new JobParametersBuilder().addLong("pin", System.nanoTime()).toJobParameters();
		JobInstance instance = repository.createJobInstance("committedStatePin", parameters);
		JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
		StepExecution execution = repository.createStepExecution("pinned", job);
		step.execute(execution);
		assertThat(execution.getStatus().isUnsuccessful()).as("the step failed at the second commit").isTrue();
		StepExecution saved = repository.getStepExecution(execution.getId());
		return saved.getExecutionContext().get("position");
	}

}
