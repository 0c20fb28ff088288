package io.tributary.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} field or parameter that receives the {@code host:port} of the {@link EmbeddedBroker} (the
 * value for a client's {@code bootstrap.servers}). Static fields are set before {@code @BeforeAll} methods run,
 * instance fields when the test instance is created.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface BootstrapServers {
}
