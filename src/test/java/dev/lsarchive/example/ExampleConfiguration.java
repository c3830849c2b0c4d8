package dev.lsarchive.example;

import java.util.List;

import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.lsarchive.batch.ArchivedResource;
import dev.lsarchive.batch.ProgressListener;
import dev.lsarchive.normalize.Outcome;
import dev.lsarchive.quarantine.QuarantineWriter;

/**
 * The examples resource's step, and the test variant of the job's flow: the archive's resource steps,
 * then this one. Not a {@code @Configuration}, so that component scanning leaves it out of every other
 * test; a test adds it with {@code --spring.main.sources=dev.lsarchive.example.ExampleConfiguration}.
 */
public class ExampleConfiguration {

	/** What the examples' source gives: one to write, one to trim, one blank, one the database refuses. */
	static final List<ExampleItem> ITEMS = List.of(new ExampleItem("e1", "one"), new ExampleItem("e2", " two "),
			new ExampleItem("e3", " "), new ExampleItem("e4", "refused"));

	// the job's flow with the examples after the archive's resources: the one line a new resource adds
	@Bean
	static BeanPostProcessor examplesInTheJobsFlow(BeanFactory beans) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (!name.equals("resourceSteps")) {
					return bean;
				}
				return new FlowBuilder<Flow>("resourceStepsAndExamples").start((Flow) bean)
					.next(beans.getBean("examplesStep", Step.class))
					.build();
			}
		};
	}

	@Bean
	ArchivedResource examplesResource() {
		return ExampleResource.EXAMPLES;
	}

	@Bean
	Step examplesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemReader<ExampleItem> exampleReader, JdbcTemplate jdbc, QuarantineWriter quarantine,
			ProgressListener progress) {
		return new StepBuilder("examples", jobRepository).<ExampleItem, Outcome<ExampleRow>>chunk(10)
			.transactionManager(transactionManager)
			.reader(exampleReader)
			.processor(new ExampleNormalizer())
			.writer(new ExampleWriter(jdbc, quarantine))
			.listener(progress)
			.build();
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemReader<ExampleItem> exampleReader() {
		return new ListItemReader<>(ITEMS);
	}

}
