package com.example.tests.orders;

import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalImplementations;

/** The orders API integration tests on moto (the table and its stream, Parameter Store). */
class OrdersApiOnLocalImplementationsTest extends OrdersApiIntegrationTest {

    @Override
    protected AwsBackend backend() {
        return LocalImplementations.moto();
    }
}
