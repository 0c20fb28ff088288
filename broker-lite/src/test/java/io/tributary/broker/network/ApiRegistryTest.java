package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.Struct;
import io.tributary.protocol.types.Versions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ApiRegistryTest {
    private static final ApiHandler NONE = (c, r) -> CompletableFuture.completedFuture(Response.NONE);

    @Test
    void acceptedRangeIsTheAdvertisedRangeCutToTheCodec() {
        ApiRegistry registry = new ApiRegistry().register(ApiKey.PRODUCE, Versions.parse("0-11"), NONE);
        ApiRegistry.Registration r = registry.registration(ApiKey.PRODUCE);
        assertThat(r.advertised()).isEqualTo(Versions.parse("0-11"));
        assertThat(r.accepted()).isEqualTo(Versions.parse("3-11"));
        assertThat(registry.registration(ApiKey.FETCH)).isNull();
    }

    @Test
    void rejectsDuplicatesAndRangesTheCodecCannotRead() {
        ApiRegistry registry = new ApiRegistry().register(ApiKey.METADATA, Versions.parse("0-12"), NONE);
        assertThatThrownBy(() -> registry.register(ApiKey.METADATA, Versions.parse("1"), NONE))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.register(ApiKey.PRODUCE, Versions.parse("0-2"), NONE))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3-13");
        assertThatThrownBy(() -> registry.register(ApiKey.FETCH, Versions.NONE, NONE))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apiVersionsAnnouncesExactlyTheRegisteredApisInKeyOrder() {
        ApiRegistry registry = new ApiRegistry()
            .register(ApiKey.METADATA, Versions.parse("0-12"), NONE)
            .registerApiVersions(Versions.parse("0-4"))
            .register(ApiKey.PRODUCE, Versions.parse("0-11"), NONE);
        RequestContext ctx = new RequestContext(new RequestHeader((short) 18, (short) 4, 1, "c"),
            ApiKey.API_VERSIONS, null, "c1");
        Response response = registry.registration(ApiKey.API_VERSIONS).handler().handle(ctx, null).join();
        assertThat(response.versionOr((short) 4)).isEqualTo((short) 4);
        List<Struct> keys = response.body().getStructs("apiKeys");
        assertThat(keys).extracting(k -> List.of(k.getInt16("apiKey"), k.getInt16("minVersion"), k.getInt16("maxVersion")))
            .containsExactly(List.of((short) 0, (short) 0, (short) 11), List.of((short) 3, (short) 0, (short) 12),
                List.of((short) 18, (short) 0, (short) 4));
        assertThat(response.body().getInt16("errorCode")).isZero();
    }

    @Test
    void fallbackNeedsApiVersionsRegistered() {
        assertThatThrownBy(() -> ApiVersionsHandler.unsupportedVersion(new ApiRegistry()))
            .isInstanceOf(IllegalStateException.class);
    }
}
