package dev.ferry.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --slug-store}'s value and the environment it reads: what is taken, and what is refused with which words. */
class S3LocationTest {

    private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI");

    @Test
    void readsABucketAndAPrefix() {
        S3Location location = S3Location.parse("s3://my-bucket/ferry/prod/");
        assertThat(location).isEqualTo(new S3Location("my-bucket", "ferry/prod"));
        assertThat(location.key("slugs/x.tar.gz")).isEqualTo("ferry/prod/slugs/x.tar.gz");
        assertThat(S3Location.parse("s3://my-bucket").key("slugs/x")).isEqualTo("slugs/x");
        assertThat(location).hasToString("s3://my-bucket/ferry/prod");
    }

    @Test
    void refusesWhatIsNotAnS3Location() {
        assertThatThrownBy(() -> S3Location.parse("https://my-bucket/x"))
                .hasMessage("is not an S3 location such as s3://my-bucket/ferry");
        assertThatThrownBy(() -> S3Location.parse("s3://My_Bucket/x")).hasMessageContaining("not an S3 bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://ok-bucket/a//b")).hasMessageContaining("prefix 'a//b'");
        assertThatThrownBy(() -> S3Location.parse("s3://ok-bucket/a/../b")).hasMessageContaining("prefix 'a/../b'");
    }

    @Test
    void readsTheEndpointRegionAndKeysFromTheEnvironment() {
        S3Settings settings = S3Settings.fromEnvironment(S3Location.parse("s3://b-1/p"), Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9000", "AWS_REGION", "eu-west-3"));
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.region()).isEqualTo("eu-west-3");
        assertThat(settings.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");

        S3Settings aws = S3Settings.fromEnvironment(S3Location.parse("s3://b-1/p"), KEYS);
        assertThat(aws.endpoint()).isEqualTo(Optional.empty());
        assertThat(aws.endpointName()).isEqualTo("https://s3.us-east-1.amazonaws.com");
    }

    @Test
    void refusesMissingKeysAndABadEndpointWithoutShowingTheSecret() {
        S3Location location = S3Location.parse("s3://b-1/p");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(location, Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")))
                .hasMessage("needs the bucket's credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        Map<String, String> badEndpoint = new java.util.HashMap<>(KEYS);
        badEndpoint.put("AWS_ENDPOINT_URL", "127.0.0.1:9000");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(location, badEndpoint))
                .hasMessageContaining("AWS_ENDPOINT_URL to be an http:// or https:// URL")
                .message().doesNotContain("wJalrXUtnFEMI");
    }
}
