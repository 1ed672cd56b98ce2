package com.example.tests.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a test class only where a Docker engine answers; elsewhere it is skipped, saying why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    final class Condition implements ExecutionCondition {

        private static Boolean dockerAvailable;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return isDockerAvailable()
                    ? ConditionEvaluationResult.enabled("a Docker engine answers")
                    : ConditionEvaluationResult.disabled("No Docker engine answers on this machine: the LocalStack run "
                            + "of these tests is skipped; the same tests ran against moto");
        }

        private static synchronized boolean isDockerAvailable() {
            if (dockerAvailable == null) {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            }
            return dockerAvailable;
        }
    }
}
