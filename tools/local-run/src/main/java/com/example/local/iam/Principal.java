package com.example.local.iam;

/**
 * Who signed a request, as API Gateway's request context names it: the ARN ({@code userArn}), the
 * id ({@code caller}, {@code user}) and the access key.
 */
public record Principal(String arn, String id, String accessKey) {

    /**
     * The ARN a policy's {@code aws:PrincipalArn} sees: a role's session is matched by its role
     * ({@code arn:aws:sts::1:assumed-role/R/s} is {@code arn:aws:iam::1:role/R}); anything else by its own ARN.
     */
    public String policyArn() {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[2].equals("sts") && parts[5].startsWith("assumed-role/")) {
            String role = parts[5].substring("assumed-role/".length());
            return String.join(":", parts[0], parts[1], "iam", "", parts[4], "role/" + role.substring(0, role.indexOf('/')));
        }
        return arn;
    }

    /** The account of the principal, {@code aws:PrincipalAccount}. */
    public String account() {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }
}
