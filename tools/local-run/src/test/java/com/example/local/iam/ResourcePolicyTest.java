package com.example.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The orders API's resource policy, as the template writes it: only the reviewer role answers reviews. */
class ResourcePolicyTest {

    private static final String API = "arn:aws:execute-api:us-east-1:000000000000:a1b2c3/";
    private static final String REVIEWER_ROLE = "arn:aws:iam::000000000000:role/orders-OrderReviewerRole-X1";
    private static final ResourcePolicy REVIEWS_BY_THE_ROLE_ONLY = ResourcePolicy.of(List.of(Map.of(
            "Effect", "Deny", "Principal", "*", "Action", "execute-api:Invoke",
            "Resource", "execute-api:/*/POST/orders/*/review",
            "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", REVIEWER_ROLE)))), Map.of("execute-api:/", API));

    @Test
    void anyoneElseIsDeniedTheReviewRoute() {
        assertThat(REVIEWS_BY_THE_ROLE_ONLY.denies(invoke("dev/POST/orders/42/review", "arn:aws:iam::000000000000:user/placer")))
                .isTrue();
    }

    @Test
    void theReviewerRolesSessionsAreNot() {
        Principal session = new Principal("arn:aws:sts::000000000000:assumed-role/orders-OrderReviewerRole-X1/alice",
                "AROAEXAMPLE:alice", "ASIAEXAMPLE");

        assertThat(session.policyArn()).isEqualTo(REVIEWER_ROLE);
        assertThat(REVIEWS_BY_THE_ROLE_ONLY.denies(invoke("dev/POST/orders/42/review", session.policyArn()))).isFalse();
    }

    @Test
    void otherRoutesAreLeftToIdentityPolicies() {
        assertThat(REVIEWS_BY_THE_ROLE_ONLY.denies(invoke("dev/POST/orders", "arn:aws:iam::000000000000:user/placer"))).isFalse();
        assertThat(REVIEWS_BY_THE_ROLE_ONLY.denies(invoke("dev/GET/orders/42", "arn:aws:iam::000000000000:user/placer"))).isFalse();
    }

    @Test
    void aNegatedConditionHoldsWhenItsKeyIsMissing() {
        assertThat(REVIEWS_BY_THE_ROLE_ONLY.denies(new ResourcePolicy.Request("execute-api:Invoke",
                API + "dev/POST/orders/42/review", Map.of()))).isTrue();
    }

    @Test
    void whatItCannotEvaluateIsRefusedByName() {
        assertThatThrownBy(() -> ResourcePolicy.of(List.of(Map.of("Effect", "Deny", "Principal", "*", "Action", "execute-api:Invoke",
                "Resource", "*", "Condition", Map.of("IpAddress", Map.of("aws:SourceIp", "10.0.0.0/8")))), Map.of()))
                .hasMessageContaining("IpAddress");
        assertThatThrownBy(() -> ResourcePolicy.of(List.of(Map.of("Effect", "Deny", "Principal", "*", "NotAction", "s3:*",
                "Resource", "*")), Map.of()))
                .hasMessageContaining("NotAction");
    }

    @Test
    void anIamUsersArnIsItsOwnPolicyArn() {
        Principal user = new Principal("arn:aws:iam::000000000000:user/placer", "AIDAEXAMPLE", "AKIAEXAMPLE");

        assertThat(user.policyArn()).isEqualTo("arn:aws:iam::000000000000:user/placer");
        assertThat(user.account()).isEqualTo("000000000000");
    }

    private static ResourcePolicy.Request invoke(String method, String principalArn) {
        return new ResourcePolicy.Request("execute-api:Invoke", API + method, Map.of("aws:PrincipalArn", principalArn));
    }
}
