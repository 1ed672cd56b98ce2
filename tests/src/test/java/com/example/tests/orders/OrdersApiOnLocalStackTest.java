package com.example.tests.orders;

import com.example.tests.local.AwsBackend;
import com.example.tests.local.LocalStack;
import com.example.tests.local.RequiresDocker;

/** The same orders API integration tests on LocalStack, where Docker is available. */
@RequiresDocker
class OrdersApiOnLocalStackTest extends OrdersApiIntegrationTest {

    @Override
    protected AwsBackend backend() {
        return LocalStack.shared();
    }
}
