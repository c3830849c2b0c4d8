package dev.lsarchive.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.lsarchive.api.LiveStationProperties;
import dev.lsarchive.bench.BenchProperties;
import dev.lsarchive.callback.CallbackProperties;
import dev.lsarchive.config.ArchiveProperties;
import dev.lsarchive.config.SettingAdvice;
import dev.lsarchive.config.SettingsRefusedException;
import dev.lsarchive.simulator.SimulatorProperties;

/**
 * Refuses a start whose command line or settings it does not understand, before anything starts:
 * a bare word, an unknown key under the product's own prefixes, an unknown profile, a value of the
 * wrong form, a setting out of its range, a real run without a database. Every problem is found,
 * not just the first, and each becomes one line with the nearest valid name or the expected form.
 * Spring Boot's own keys ({@code spring.*}, {@code management.*}, {@code logging.*}, ...) are left
 * to Spring Boot.
 */
public final class SettingsCheck implements EnvironmentPostProcessor, Ordered {

	private static final String JOB = ArchiveProperties.Job.PROPERTY;

	/**
	 * The system property through which the wrapper ({@code jobs/run-archive.sh}) names the variables its
	 * settings file sets, comma-separated: names only, never a value.
	 */
	static final String SETTINGS_FILE_VARIABLES = "livestation-archive.settings-file-variables";

	/** The system property through which the wrapper names its own variables, which it reads itself. */
	static final String WRAPPER_VARIABLES = "livestation-archive.wrapper-variables";

	// how Spring Boot names the property sources of application*.properties
	private static final String CONFIG_FILE_SOURCE = "Config resource";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	/** The setting that names the database; {@code ARCHIVE_JDBC_URL} sets it. */
	static final String DATABASE_URL = "spring.datasource.url";

	// after the config data (application*.properties, profiles) is in the environment
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new SettingsRefusedException(problems);
		}
		secretsOnTheCommandLine(environment).forEach((line) -> System.err.println(SettingProblemReporter.PREFIX + line));
	}

	/**
	 * A warning for each secret given on the command line, which every user of the host sees ({@code ps}): the
	 * start goes on, as a secret there is a risk to fix, not a setting the run cannot use. The simulator's keys
	 * are made up, and not counted.
	 */
	static List<String> secretsOnTheCommandLine(ConfigurableEnvironment environment) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (!(commandLine instanceof EnumerablePropertySource<?> arguments)) {
			return List.of();
		}
		return Arrays.stream(arguments.getPropertyNames())
			.filter((key) -> SettingAdvice.isSecret(key) && !key.startsWith("simulator.")
					&& !isBlank(arguments.getProperty(key)))
			.map((key) -> "WARNING --" + key + " was given on the command line: " + SettingAdvice.howToSet(key))
			.toList();
	}

	/** Every problem of the settings in {@code environment}, one line each; empty when it may start. */
	static List<String> problems(ConfigurableEnvironment environment) {
		KnownSettings known = KnownSettings.load();
		Set<String> problems = new LinkedHashSet<>();
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (commandLine instanceof EnumerablePropertySource<?> arguments) {
			problems.addAll(bareWords(arguments, known));
			problems.addAll(unknownKeys(Arrays.asList(arguments.getPropertyNames()), known));
		}
		problems.addAll(unknownVariables(environment, known));
		Set<String> profiles = Set.of(environment.getActiveProfiles());
		List<String> unknownProfiles = unknownProfiles(profiles);
		problems.addAll(unknownProfiles);
		Binder binder = Binder.get(environment);
		Set<String> malformed = new LinkedHashSet<>();
		for (String name : known.names()) {
			String problem = formProblem(binder, environment, name, known.type(name));
			if (problem != null) {
				problems.add(problem);
				malformed.add(name);
			}
		}
		// what the start needs depends on its profile: a misspelt one says so alone, not what another mode would need
		if (unknownProfiles.isEmpty()) {
			problems.addAll(constraintProblems(binder, profiles, malformed));
			// a registration is one signed call: it writes nothing, and connects to no database
			if (!chosen(binder, malformed, ArchiveProperties.Job.REGISTER_CALLBACK)) {
				problems.addAll(databaseProblems(environment, profiles));
			}
			else if (!binder.bind("archive.callback.url", String.class).map(CallbackProperties::hasUrl).orElse(false)) {
				problems.add(CallbackProperties.URL_MISSING);
			}
		}
		return new ArrayList<>(problems);
	}

	private static List<String> bareWords(EnumerablePropertySource<?> arguments, KnownSettings known) {
		Object words = arguments.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
		if (!(words instanceof String text) || text.isBlank()) {
			return List.of();
		}
		// "--livestation.api.secret-key abc" leaves the secret as a bare word: then no word is shown (an empty
		// database password is common, with trust authentication, and does not count)
		boolean secretMayFollow = Arrays.stream(arguments.getPropertyNames())
			.anyMatch((key) -> KnownSettings.owned(key) && SettingAdvice.isSecret(key)
					&& isBlank(arguments.getProperty(key)));
		// "--archive.run-date 2026-11-01" leaves the date as a bare word after a setting given without a value
		List<String> givenBlank = Arrays.stream(arguments.getPropertyNames())
			.filter((key) -> KnownSettings.owned(key) && known.find(key).isPresent()
					&& isBlank(arguments.getProperty(key)))
			.toList();
		List<String> problems = new ArrayList<>();
		for (String word : text.split(",")) {
			if (secretMayFollow) {
				problems.add("a word without --name= follows a setting given without a value: write every setting"
						+ " as --name=value (no space around '=')");
				continue;
			}
			String name = word.replaceFirst("^-+", "");
			String key = name.contains("=") ? name.substring(0, name.indexOf('=')) : name;
			String suggestion = known.find(key)
				.map((setting) -> "--" + setting + "=...")
				.or(() -> KnownSettings.meantWord(name))
				.or(() -> (givenBlank.size() == 1 && !word.startsWith("-"))
						? Optional.of("--" + givenBlank.get(0) + "=" + word) : Optional.empty())
				.orElse(null);
			problems.add("'" + shownWord(word) + "' is not understood: settings are given as --name=value"
					+ ((suggestion != null) ? " (did you mean " + suggestion + "?)" : "; see --help"));
		}
		return problems;
	}

	static List<String> unknownKeys(Collection<String> keys, KnownSettings known) {
		List<String> problems = new ArrayList<>();
		for (String key : keys) {
			if (KnownSettings.owned(key) ? known.find(key).isEmpty() : !KnownSettings.leftToSpringBoot(key)) {
				problems.add("--" + key + " is not a setting of livestation-archive"
						+ known.nearest(key).map((name) -> " (did you mean --" + name + "?)").orElse("; see --help"));
			}
		}
		return problems;
	}

	static List<String> unknownProfiles(Collection<String> profiles) {
		List<String> problems = new ArrayList<>();
		if (profiles.size() > 1) {
			problems.add("spring.profiles.active=" + String.join(",", profiles) + " names more than one profile: a start"
					+ " runs one of " + String.join(", ", KnownSettings.PROFILES) + ", or none for the nightly run");
		}
		for (String profile : profiles) {
			if (!KnownSettings.PROFILES.contains(profile)) {
				problems.add("spring.profiles.active=" + profile + " is not a profile of livestation-archive"
						+ KnownSettings.nearest(profile, KnownSettings.PROFILES)
							.map((name) -> " (did you mean " + name + "?)")
							.orElse("")
						+ "; the profiles are " + String.join(", ", KnownSettings.PROFILES)
						+ ", and none for the nightly run");
			}
		}
		return problems;
	}

	private static String formProblem(Binder binder, ConfigurableEnvironment environment, String name,
			Class<?> type) {
		// Boot reads a bare number as milliseconds: "--archive.callback-grace=15" would be 15 ms, not the minutes meant
		String given = environment.getProperty(name);
		if (type == Duration.class && given != null && given.strip().matches("-?\\d+") && !given.strip().equals("0")) {
			return name + "=" + SettingProblemReporter.shown(name, given) + " is not valid: expected " + form(type)
					+ ", with its unit (a number alone would be read as milliseconds); "
					+ SettingAdvice.howToSet(name);
		}
		try {
			binder.bind(name, Bindable.of(type));
			return null;
		}
		catch (BindException ex) {
			String value = environment.getProperty(name);
			return name + ((value != null) ? "=" + SettingProblemReporter.shown(name, value) : "")
					+ " is not valid: expected " + form(type) + "; " + SettingAdvice.howToSet(name);
		}
	}

	/** What a value of {@code type} looks like, as an operator writes it. */
	static String form(Class<?> type) {
		if (type == LocalDate.class) {
			return "a calendar date as YYYY-MM-DD, e.g. 2026-11-20";
		}
		if (type == Instant.class) {
			return "an instant as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-26T01:15:00Z";
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s, 15m, 1h or 7d";
		}
		if (type == DataSize.class) {
			return "a size such as 16KB or 1MB";
		}
		if (type == ZoneId.class) {
			return "a time zone such as Asia/Seoul or UTC";
		}
		if (type.isEnum()) {
			return "one of " + String.join(", ", KnownSettings.enumValues(type));
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		if (type == double.class || type == Double.class) {
			return "a number such as 0.05";
		}
		if (type == URI.class) {
			return "a URL such as https://livestation.apigw.ntruss.com";
		}
		if (type == Path.class) {
			return "a file path";
		}
		if (Collection.class.isAssignableFrom(type)) {
			return "a comma-separated list";
		}
		return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
	}

	/**
	 * One line for each variable of the settings file ({@link #SETTINGS_FILE_VARIABLES}) in the product's
	 * namespaces ({@code ARCHIVE_}, {@code LIVESTATION_}) that nothing reads: a misspelt one would otherwise be
	 * ignored, and the run go on with the default. The variables read are those Spring binds to a known
	 * setting and those the configuration files name as placeholders ({@code ${ARCHIVE_JDBC_URL}}); the
	 * wrapper's own ({@link #WRAPPER_VARIABLES}) are candidates for what a misspelt name was meant to be.
	 */
	static List<String> unknownVariables(ConfigurableEnvironment environment, KnownSettings known) {
		String listed = environment.getProperty(SETTINGS_FILE_VARIABLES, "");
		if (listed.isBlank()) {
			return List.of();
		}
		Set<String> read = new LinkedHashSet<>();
		known.names().forEach((name) -> read.addAll(SettingAdvice.variablesBound(name)));
		// the wrapper's own, which it reads itself: what a misspelt one of them was meant to be
		read.addAll(Arrays.asList(environment.getProperty(WRAPPER_VARIABLES, "").split(",")));
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& source.getName().startsWith(CONFIG_FILE_SOURCE)) {
				for (String name : enumerable.getPropertyNames()) {
					Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(enumerable.getProperty(name)));
					while (placeholder.find()) {
						read.add(placeholder.group(1));
					}
				}
			}
		}
		List<String> problems = new ArrayList<>();
		for (String variable : listed.split(",")) {
			if ((variable.startsWith("ARCHIVE_") || variable.startsWith("LIVESTATION_")) && !read.contains(variable)) {
				problems.add(variable + " in the settings file is not a variable livestation-archive reads"
						+ KnownSettings.nearest(variable, read).map((meant) -> " (did you mean " + meant + "?)").orElse("")
						+ ": correct its name, or remove it");
			}
		}
		return problems;
	}

	private static boolean chosen(Binder binder, Set<String> malformed, ArchiveProperties.Job job) {
		return !malformed.contains(JOB) && binder.bind(JOB, ArchiveProperties.Job.class).map(job::equals).orElse(false);
	}

	// every range and rule of every record this start uses, all at once (Boot would stop at the first record)
	private static List<String> constraintProblems(Binder binder, Set<String> profiles, Set<String> malformed) {
		Map<String, Class<?>> records = new LinkedHashMap<>();
		if (!profiles.contains("simulator")) {
			records.put("archive", ArchiveProperties.class);
		}
		// the receiver never calls the API (its demo calls the built-in simulator); it needs its token instead
		boolean receiver = chosen(binder, malformed, ArchiveProperties.Job.CALLBACK_RECEIVER);
		if (receiver) {
			records.put("archive.callback", CallbackProperties.class);
		}
		if ((!receiver || profiles.contains("demo")) && !profiles.contains("simulator") && !profiles.contains("health")
				&& !profiles.contains("bench")) {
			records.put("livestation.api", LiveStationProperties.class);
		}
		if (profiles.contains("demo") || profiles.contains("simulator")) {
			records.put("simulator", SimulatorProperties.class);
		}
		if (profiles.contains("bench")) {
			records.put("bench", BenchProperties.class);
		}
		List<String> problems = new ArrayList<>();
		// messages with parameters only ("must be between {min} and {max}"): no expression language on the class path
		try (ValidatorFactory factory = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory()) {
			// a value of the wrong form is told already: bound as if absent, so that the rest is still checked
			BindHandler skipMalformed = new AbstractBindHandler() {
				@Override
				public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
						Exception error) throws Exception {
					if (malformed.contains(name.toString())) {
						return null;
					}
					return super.onFailure(name, target, context, error);
				}
			};
			ValidationBindHandler validation = new ValidationBindHandler(skipMalformed,
					new SpringValidatorAdapter(factory.getValidator()));
			records.forEach((prefix, type) -> {
				try {
					binder.bindOrCreate(prefix, Bindable.of(type), validation);
				}
				catch (BindException ex) {
					SettingProblemReporter.describe(ex)
						.stream()
						.filter((line) -> malformed.stream().noneMatch((name) -> line.startsWith(name)))
						.forEach(problems::add);
				}
			});
		}
		return problems;
	}

	private static List<String> databaseProblems(ConfigurableEnvironment environment, Set<String> profiles) {
		if (profiles.contains("simulator")) {
			return List.of();
		}
		String url = environment.getProperty(DATABASE_URL);
		if (url == null || url.isBlank()) {
			boolean local = profiles.stream().anyMatch(KnownSettings.LOCAL_DATABASE_PROFILES::contains);
			return local ? List.of() : List.of("no database is set: set the environment variable ARCHIVE_JDBC_URL"
					+ " (e.g. jdbc:postgresql://db.internal:5432/archive) or --" + DATABASE_URL
					+ "=...; only the demo and the benchmark fall back to the local PostgreSQL");
		}
		if (!url.startsWith("jdbc:postgresql:")) {
			String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : url;
			return List.of(DATABASE_URL + " (ARCHIVE_JDBC_URL) is not a PostgreSQL JDBC URL (it starts with '"
					+ shownWord(scheme) + ":'): write it as jdbc:postgresql://host:5432/database, with the user and"
					+ " password in ARCHIVE_JDBC_USER and ARCHIVE_JDBC_PASSWORD");
		}
		return List.of();
	}

	private static boolean isBlank(Object value) {
		return value == null || value.toString().isBlank();
	}

	// a bare word may be a mistyped secret: show its start only
	private static String shownWord(String word) {
		return (word.length() > 40) ? word.substring(0, 12) + "…" : word;
	}

}
