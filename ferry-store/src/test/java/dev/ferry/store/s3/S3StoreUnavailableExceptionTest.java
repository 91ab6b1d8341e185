package dev.ferry.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The sentence a refused bucket gives for each answer S3 can make, including those the test server (s3rver) never
 * makes: a refused secret and a key without permission. Never the secret itself.
 */
class S3StoreUnavailableExceptionTest {

    private static final S3Settings SETTINGS = S3Settings.fromEnvironment(S3Location.parse("s3://ferry/prod"),
            Map.of("AWS_ENDPOINT_URL", "http://minio:9000", "AWS_ACCESS_KEY_ID", "AKID",
                    "AWS_SECRET_ACCESS_KEY", "the-secret"));

    @Test
    void namesARefusedSecretAndAKeyWithoutPermission() {
        assertThat(message(refused(403, "SignatureDoesNotMatch"))).isEqualTo("the slug store s3://ferry/prod cannot be"
                + " used: http://minio:9000 refused the secret key of access key AKID (AWS_SECRET_ACCESS_KEY)");
        assertThat(message(refused(403, "AccessDenied"))).isEqualTo("the slug store s3://ferry/prod cannot be used:"
                + " the access key AKID may not write and read objects under s3://ferry/prod at http://minio:9000");
    }

    @Test
    void namesAnyOtherAnswerWithItsStatusAndCode() {
        S3Exception other = (S3Exception) S3Exception.builder().statusCode(503).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("SlowDown").errorMessage("Please reduce your request rate.").build()).build();
        assertThat(message(other)).endsWith("http://minio:9000 answered 503 SlowDown: Please reduce your request rate.");
    }

    @Test
    void namesAnEndpointThatDoesNotAnswer() {
        SdkClientException down = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));
        assertThat(message(down)).isEqualTo("the slug store s3://ferry/prod cannot be used: no answer from"
                + " http://minio:9000 (Connection refused; is AWS_ENDPOINT_URL right?)");
    }

    private static S3Exception refused(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("no").build()).build();
    }

    private static String message(software.amazon.awssdk.core.exception.SdkException e) {
        String message = S3StoreUnavailableException.of(SETTINGS, e).getMessage();
        assertThat(message).doesNotContain("the-secret");
        return message;
    }
}
