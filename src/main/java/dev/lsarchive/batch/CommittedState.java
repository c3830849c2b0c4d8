package dev.lsarchive.batch;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a step's saved position true to what was committed. A reader or writer publishes its
 * position in {@code update()}, inside the chunk's transaction; when that transaction then fails to
 * commit (a connection cut at commit), Spring Batch still saves the in-memory ExecutionContext as
 * the step fails, and a restart would skip a chunk whose rows were rolled back. Calling
 * {@link #guard} before writing restores the previous values on rollback.
 * <p>
 * Upstream: spring-projects/spring-batch#5182 ({@code ChunkOrientedStep} updates the streams and
 * saves the ExecutionContext in a {@code finally} block, also after a rollback; fix proposed in
 * #5195) and the older #1145. This class can go once the Spring Batch in use saves a step's context
 * only after its chunk committed; the crash drill's cut-connection case shows whether it does.
 */
public final class CommittedState {

	private CommittedState() {
	}

	/** Remembers the current values of {@code keys}, and puts them back if the transaction rolls back. */
	public static void guard(ExecutionContext context, String... keys) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Map<String, Object> before = new HashMap<>();
		for (String key : keys) {
			before.put(key, context.get(key));
		}
		guard(context, before, null);
	}

	/** As {@link #guard(ExecutionContext, String...)}, for keys known by prefix, running {@code onRollback} too. */
	public static void guardPrefix(ExecutionContext context, String prefix, Runnable onRollback) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Map<String, Object> before = new HashMap<>();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				before.put(entry.getKey(), entry.getValue());
			}
		}
		guard(context, before, () -> {
			context.entrySet().stream().map(Map.Entry::getKey).filter((key) -> key.startsWith(prefix))
				.filter((key) -> !before.containsKey(key)).toList().forEach(context::remove);
			if (onRollback != null) {
				onRollback.run();
			}
		});
	}

	private static void guard(ExecutionContext context, Map<String, Object> before, Runnable more) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					return;
				}
				before.forEach((key, value) -> {
					if (value == null) {
						context.remove(key);
					}
					else {
						context.put(key, value);
					}
				});
				if (more != null) {
					more.run();
				}
			}
		});
	}

}
