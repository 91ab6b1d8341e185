package dev.ferry.api.client;

import dev.ferry.core.api.UsageInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The typed call of usage records ({@code GET /api/usage}). */
public final class UsageCalls {

    private final ControlApiClient api;

    public UsageCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * The records of {@code app} (default: every app the caller sees) from {@code since} ({@code YYYY-MM-DD};
     * default: the platform's), with the JSON as the API sent it (for {@code --json}).
     */
    public Read<UsageInfo[]> list(Optional<String> app, Optional<String> since) {
        List<String> query = new ArrayList<>();
        app.ifPresent(a -> query.add("app=" + URLEncoder.encode(a, StandardCharsets.UTF_8)));
        since.ifPresent(s -> query.add("since=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
        ApiAnswer answer = api.call("GET", "/api/usage" + (query.isEmpty() ? "" : "?" + String.join("&", query)), null);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), UsageInfo[].class));
    }
}
