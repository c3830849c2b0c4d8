package dev.lsarchive.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Profile;

/**
 * Marks configuration that exists only when the process archives: not when it runs as the
 * standalone simulator ({@code simulator}), the health check ({@code health}) or the benchmark
 * ({@code bench}), which bring configurations of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile("!simulator & !health & !bench")
public @interface ArchiveMode {

}
