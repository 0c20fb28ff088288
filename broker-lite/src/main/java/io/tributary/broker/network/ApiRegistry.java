package io.tributary.broker.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.types.Versions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The APIs a broker serves: per API key, the handler and the version range the broker advertises in ApiVersions.
 * The range requests are accepted in is the advertised range cut down to what the codecs read
 * ({@link ApiKey#versions()}); a request outside it closes the connection (ApiVersions excepted, see
 * {@link ApiVersionsHandler}).
 *
 * <pre>{@code
 * ApiRegistry apis = new ApiRegistry()
 *     .registerApiVersions(Versions.parse("0-4"))
 *     .register(ApiKey.METADATA, Versions.parse("0-12"), metadataHandler);
 * }</pre>
 *
 * <p>Thread-safe: registration normally happens before the server starts, but may race with lookups.
 */
public final class ApiRegistry {

    /**
     * One registered API.
     *
     * @param api        the API
     * @param advertised the versions announced in ApiVersions
     * @param accepted   the versions requests are decoded and handled at: advertised ∩ codec versions
     * @param handler    the handler
     */
    public record Registration(ApiKey api, Versions advertised, Versions accepted, ApiHandler handler) {
    }

    private final Map<ApiKey, Registration> registrations = new EnumMap<>(ApiKey.class);

    /**
     * Registers {@code handler} for {@code api}, advertising {@code advertised}.
     *
     * @throws IllegalArgumentException if {@code advertised} shares no version with what the codecs read
     * @throws IllegalStateException    if {@code api} is already registered
     */
    public synchronized ApiRegistry register(ApiKey api, Versions advertised, ApiHandler handler) {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(handler, "handler");
        Versions accepted = advertised.intersect(api.versions());
        if (advertised.isEmpty() || accepted.isEmpty()) {
            throw new IllegalArgumentException("advertised : " + advertised + " for " + api
                + " (expected: a range overlapping the codec versions " + api.versions() + ")");
        }
        if (registrations.containsKey(api)) {
            throw new IllegalStateException(api + " is already registered");
        }
        registrations.put(api, new Registration(api, advertised, accepted, handler));
        return this;
    }

    /** Registers an {@link ApiVersionsHandler} that announces this registry, advertising {@code advertised}. */
    public ApiRegistry registerApiVersions(Versions advertised) {
        return register(ApiKey.API_VERSIONS, advertised, new ApiVersionsHandler(this));
    }

    /** The registration of {@code api}, or null when the broker does not serve it. */
    public synchronized Registration registration(ApiKey api) {
        return registrations.get(api);
    }

    /** Every registration, in ascending API key order. */
    public synchronized List<Registration> registrations() {
        return new ArrayList<>(registrations.values());
    }
}
