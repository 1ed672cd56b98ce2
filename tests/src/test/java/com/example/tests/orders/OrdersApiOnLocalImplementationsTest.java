package com.example.tests.orders;

import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;

/** The orders API integration tests on DynamoDB Local (table, stream) and moto (Parameter Store). */
class OrdersApiOnLocalImplementationsTest extends OrdersApiIntegrationTest {

    @Override
    protected AwsBackend backend() {
        return LocalImplementations.dynamoDbLocalAndMoto();
    }
}
